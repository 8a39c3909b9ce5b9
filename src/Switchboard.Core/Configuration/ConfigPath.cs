using System.Globalization;

namespace Switchboard.Core.Configuration;

/// <summary>How configuration errors name where they are (<c>tenants[1].numbers[0].number</c>) and what they suggest for an unknown key.</summary>
internal static class ConfigPath
{
    public static string UnknownKey(string key, string[] known)
    {
        if (key == "<<")
        {
            return "unknown key: YAML merge keys (<<) are not supported, write the keys out";
        }

        var closest = known.MinBy(k => Distance(key, k));
        return closest is not null && Distance(key, closest) <= (closest.Length >= 5 ? 2 : 1)
            ? $"unknown key (did you mean '{closest}'?)"
            : $"unknown key (expected one of: {string.Join(", ", known)})";
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions, so <c>nmae</c> is one edit from <c>name</c>.</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    public static string Here(string path) => path.Length == 0 ? "$" : path;

    /// <summary><c>tenants[0].name</c>; keys that are not identifiers are bracketed: <c>metadata["a b"]</c>.</summary>
    public static string Member(string path, string key)
    {
        if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return path.Length == 0 ? key : $"{path}.{key}";
        }

        var quoted = key.Length > 64 ? key[..64] + "…" : key;
        return $"{path}[\"{quoted.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
    }

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
