using System.Collections.Frozen;
using System.Text;

namespace Switchboard.Core.Lifecycle;

/// <summary>The snake_case spelling of the lifecycle enums (<c>in_room</c>, <c>agent_joined</c>, <c>completed</c>, …), as stored and published.</summary>
public static class LifecycleCodes
{
    public static string Code(this CallStage stage) => Codes<CallStage>.ByValue[stage];

    public static string Code(this CallOutcome outcome) => Codes<CallOutcome>.ByValue[outcome];

    public static string Code(this RoomEventKind kind) => Codes<RoomEventKind>.ByValue[kind];

    public static string Code(this ParticipantRole role) => Codes<ParticipantRole>.ByValue[role];

    /// <summary>The value spelt <paramref name="code"/>; throws on a code that names none (stored codes are always valid).</summary>
    public static T Parse<T>(string code)
        where T : struct, Enum =>
        Codes<T>.ByCode.TryGetValue(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} code.");

    private static class Codes<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => SnakeCase(v.ToString()));
        public static readonly FrozenDictionary<string, T> ByCode = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
