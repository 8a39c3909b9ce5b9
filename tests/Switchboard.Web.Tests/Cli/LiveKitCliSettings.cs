using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Tests.Fixtures;

namespace Switchboard.Web.Tests.Cli;

/// <summary>The environment a <c>switchboard livekit …</c> command runs with against a stand-in: mode, URL, key pair and the trunk's allowed addresses.</summary>
internal static class LiveKitCliSettings
{
    public static Dictionary<string, string> For(LiveKitStandIn liveKit, string mode) => new()
    {
        ["LiveKit__Mode"] = mode,
        ["LiveKit__Url"] = liveKit.Url,
        ["LiveKit__ApiKey"] = SwitchboardApp.ApiKey,
        ["LiveKit__ApiSecret"] = SwitchboardApp.ApiSecret,
        ["LiveKit__Trunk__AllowedAddresses__0"] = LiveKitSyncApps.AllowedAddresses[0],
        ["LiveKit__Trunk__AllowedAddresses__1"] = LiveKitSyncApps.AllowedAddresses[1],
    };
}
