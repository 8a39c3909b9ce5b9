using System.Net;

namespace Switchboard.Web.Hosting;

/// <summary>
/// The sources an endpoint accepts, as IP addresses and CIDR ranges (<c>203.0.113.7</c>, <c>203.0.113.0/24</c>, <c>2001:db8::/32</c>).
/// Empty allows every source. Checked against the TCP peer: behind a reverse proxy that is the proxy, so filter there instead.
/// </summary>
public sealed class SourceAllowlist
{
    private readonly IPNetwork[] _networks;

    private SourceAllowlist(IPNetwork[] networks) => _networks = networks;

    public static SourceAllowlist Any { get; } = new([]);

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Parses every entry; the allowlist, or null with one error per bad entry (by index: entries are not secret, but stay out of errors anyway).</summary>
    public static SourceAllowlist? TryParse(IReadOnlyList<string?> entries, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>(entries.Count);
        var problems = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (TryParseEntry(entries[i]?.Trim(), out var network))
            {
                networks.Add(network);
            }
            else
            {
                problems.Add($"entry {i} is not an IP address or a CIDR range (e.g. 203.0.113.7, 203.0.113.0/24, 2001:db8::/32).");
            }
        }

        errors = problems;
        return problems.Count == 0 ? new SourceAllowlist([.. networks]) : null;
    }

    /// <summary>Whether a request from <paramref name="source"/> may pass. An unknown source passes only an empty allowlist.</summary>
    public bool Allows(IPAddress? source)
    {
        if (_networks.Length == 0)
        {
            return true;
        }

        if (source is null)
        {
            return false;
        }

        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; the operator wrote a.b.c.d.
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseEntry(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrEmpty(entry))
        {
            return false;
        }

        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IsWritten(entry[..entry.IndexOf('/', StringComparison.Ordinal)]) && IPNetwork.TryParse(entry, out network);
        }

        if (!IsWritten(entry) || !IPAddress.TryParse(entry, out var address))
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>
    /// An address written out in full: IPv6, or IPv4 as four dotted numbers. The parser also takes shorthands such as <c>10</c>
    /// (= 0.0.0.10) or <c>127.1</c>, which in an allowlist are far more likely typos than intent.
    /// </summary>
    private static bool IsWritten(string address) => address.Contains(':', StringComparison.Ordinal) || address.Count(c => c == '.') == 3;
}
