using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// One usable entry of a trunk's <c>allowed_addresses</c>: an IP, a CIDR range or a host name compared with the From host.
/// Parsed as LiveKit parses them: strict dotted IPv4 (no shorthand, no leading zeros), host bits allowed in a CIDR.
/// </summary>
internal sealed partial class AllowedAddress
{
    private static readonly System.Buffers.SearchValues<char> NotInAddresses = System.Buffers.SearchValues.Create("()+*;,");

    private readonly string _entry;
    private readonly IPAddress? _network;
    private readonly int _prefixLength;

    private AllowedAddress(string entry, IPAddress? network, int prefixLength)
    {
        _entry = entry;
        _network = network;
        _prefixLength = prefixLength;
    }

    /// <summary>LiveKit discards an entry with any of <c>()+*;,</c>, whitespace or <c>://</c>: it cannot be an address.</summary>
    public static bool IsMalformed(string entry) =>
        entry.AsSpan().ContainsAny(NotInAddresses) || entry.Any(char.IsWhiteSpace) || entry.Contains("://", StringComparison.Ordinal);

    /// <summary>The entry as a matcher, or null when it is malformed.</summary>
    public static AllowedAddress? Parse(string entry)
    {
        if (IsMalformed(entry))
        {
            return null;
        }

        var slash = entry.LastIndexOf('/');
        if (slash >= 0
            && TryParseIp(entry[..slash], out var network)
            && int.TryParse(entry.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            && length <= (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            && entry[(slash + 1)..] == length.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return new AllowedAddress(entry, network, length);
        }

        return TryParseIp(entry, out var ip)
            ? new AllowedAddress(entry, ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : new AllowedAddress(entry, null, 0);
    }

    /// <summary>An IPv4 address in four decimal parts, or an IPv6 address without a zone, brackets or port.</summary>
    public static bool TryParseIp(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? ip)
    {
        ip = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return text.AsSpan().IndexOfAny('%', '[') < 0
                && IPAddress.TryParse(text, out ip)
                && ip.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return DottedQuad().IsMatch(text) && IPAddress.TryParse(text, out ip);
    }

    /// <summary>Whether the call's source (an IP) or its From host is allowed by this entry.</summary>
    public bool Allows(IPAddress source, string fromHost)
    {
        if (_entry == fromHost)
        {
            return true;
        }

        if (_network is null || _network.AddressFamily != source.AddressFamily)
        {
            return false;
        }

        Span<byte> network = stackalloc byte[16];
        Span<byte> address = stackalloc byte[16];
        _network.TryWriteBytes(network, out var size);
        source.TryWriteBytes(address, out _);
        var whole = _prefixLength / 8;
        if (!network[..whole].SequenceEqual(address[..whole]))
        {
            return false;
        }

        var rest = _prefixLength % 8;
        if (rest == 0 || whole >= size)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (network[whole] & mask) == (address[whole] & mask);
    }

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();
}
