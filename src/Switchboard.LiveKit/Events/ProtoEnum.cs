using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Switchboard.LiveKit.Events;

/// <summary>
/// One protobuf enum's value names, both ways. Protobuf enums are open: a name this table does not know reads as the
/// enum's <c>Unrecognized</c> (-1) member, and a number it does not know is kept as that number, as protobuf runtimes keep it.
/// </summary>
internal sealed class ProtoEnum<T>
    where T : struct, Enum
{
    private readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _byName;
    private readonly FrozenDictionary<T, string> _byValue;

    public ProtoEnum(params ReadOnlySpan<(string Name, T Value)> values)
    {
        if (Unsafe.SizeOf<T>() != sizeof(int))
        {
            throw new ArgumentException($"{typeof(T).Name} is not an int enum.", nameof(values));
        }

        var byName = new Dictionary<string, T>(values.Length, StringComparer.Ordinal);
        var byValue = new Dictionary<T, string>(values.Length);
        foreach (var (name, value) in values)
        {
            byName.Add(name, value);
            byValue.Add(value, name);
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _byValue = byValue.ToFrozenDictionary();
    }

    /// <summary>The member a name this table does not know reads as.</summary>
    public static T Unrecognized => FromNumber(-1);

    public static T FromNumber(int number) => Unsafe.As<int, T>(ref number);

    public T FromName(ReadOnlySpan<char> name) => _byName.TryGetValue(name, out var value) ? value : Unrecognized;

    public string? NameOf(T value) => _byValue.GetValueOrDefault(value);
}
