namespace Switchboard.Core.Routing;

/// <summary>The snake_case code of each <see cref="RoutingReason"/>: the one spelling used everywhere.</summary>
public static class ReasonCodes
{
    private static readonly Dictionary<RoutingReason, string> Codes = Enum.GetValues<RoutingReason>().ToDictionary(r => r, ToSnakeCase);
    private static readonly Dictionary<string, RoutingReason> Reasons = Codes.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Reasons.Keys;

    public static string Code(this RoutingReason reason) => Codes[reason];

    public static bool TryParse(string? code, out RoutingReason reason) => Reasons.TryGetValue(code ?? "", out reason);

    internal static string ToSnakeCase(RoutingReason reason)
    {
        var name = reason.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
