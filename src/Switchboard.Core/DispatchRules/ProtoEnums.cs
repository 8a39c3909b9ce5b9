using System.Collections.Frozen;

namespace Switchboard.Core.DispatchRules;

/// <summary>The proto enums the LiveKit JSON carries, by value: a name's index is its number, so index 0 is the default.</summary>
internal static class ProtoEnums
{
    public static readonly string[] HeaderOptions = ["SIP_NO_HEADERS", "SIP_X_HEADERS", "SIP_ALL_HEADERS"];

    public static readonly string[] MediaEncryptions = ["SIP_MEDIA_ENCRYPT_DISABLE", "SIP_MEDIA_ENCRYPT_ALLOW", "SIP_MEDIA_ENCRYPT_REQUIRE"];

    public static readonly string[] RestartPolicies = ["JRP_ON_FAILURE", "JRP_NEVER"];

    public static readonly IReadOnlyDictionary<string, string> NoAttributes = FrozenDictionary<string, string>.Empty;
}
