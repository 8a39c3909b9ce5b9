using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Text.Json;

namespace Switchboard.LiveKit.Events;

/// <summary>The protojson scalar rules (livekit.md §1.3) and the JSON paths that error messages name.</summary>
internal ref partial struct WebhookEventReader
{
    // Room for any field or enum name we match even when every character is \u-escaped (24 characters × 6 bytes); a
    // longer name is skipped, or read as an unrecognized enum value, without being decoded.
    private const int MaxNameLength = 160;

    // Longer than any 64-bit integer needs, in any notation protojson accepts.
    private const int MaxNumberLength = 64;

    private const string NotAnObject = "must be an object";
    private const string NotAnEnum = "must be an enum value name (a string) or number";

    private readonly bool IsFailed => Error is not null;

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private bool NextProperty()
    {
        _json.Read();
        return _json.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the next element of the current array; false at its end.</summary>
    private bool NextElement()
    {
        _json.Read();
        return _json.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>The current property name, decoded into <paramref name="buffer"/>; empty for a name no field of ours can have.</summary>
    private static ReadOnlySpan<char> PropertyName(in Utf8JsonReader json, Span<char> buffer)
    {
        if (json.ValueSpan.Length > buffer.Length)
        {
            return default;
        }

        try
        {
            return buffer[..json.CopyString(buffer)];
        }
        catch (InvalidOperationException)
        {
            // A \u-escaped lone surrogate: not one of our names, so skipped like any unknown field.
            return default;
        }
    }

    /// <summary>True on an object's start; false on null (the field is absent) or on another token (then <see cref="Error"/> is set).</summary>
    private bool StartMessage(Scope at)
    {
        if (_json.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        if (_json.TokenType != JsonTokenType.Null)
        {
            Fail(at, NotAnObject);
        }

        return false;
    }

    /// <summary>True on an array's start; false on null (the list is empty) or on another token (then <see cref="Error"/> is set).</summary>
    private bool StartList(string path)
    {
        if (_json.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        if (_json.TokenType != JsonTokenType.Null)
        {
            Fail(new Scope(path), "must be an array");
        }

        return false;
    }

    private bool Skip()
    {
        _json.Skip();
        return true;
    }

    /// <summary>A message kept unparsed (egress, ingress, agent job).</summary>
    private bool Raw(string path, out JsonElement? value)
    {
        value = null;
        if (!StartMessage(new Scope(path)))
        {
            return !IsFailed;
        }

        value = JsonElement.ParseValue(ref _json);
        return true;
    }

    private bool Text(Scope at, out string value)
    {
        value = "";
        switch (_json.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                try
                {
                    value = _json.GetString()!;
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return Fail(at, "is not valid text: it escapes a lone UTF-16 surrogate");
                }

            default:
                return Fail(at, "must be a string");
        }
    }

    private bool Bool(Scope at, out bool value)
    {
        value = _json.TokenType == JsonTokenType.True;
        return _json.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null || Fail(at, "must be true or false");
    }

    /// <summary>An <c>int64</c>: protojson writes it as a JSON string, and reads a string or a number.</summary>
    private bool Integer(Scope at, out long value) =>
        IntegerIn(at, long.MinValue, long.MaxValue, "must be a 64-bit integer (a JSON number or a string holding one)", out value);

    /// <summary>A <c>uint32</c>: protojson writes it as a JSON number, and reads a number or a string.</summary>
    private bool UInt32(Scope at, out long value) =>
        IntegerIn(at, 0, uint.MaxValue, "must be an unsigned 32-bit integer (a JSON number or a string holding one)", out value);

    private bool IntegerIn(Scope at, long min, long max, string problem, out long value)
    {
        value = 0;
        var ok = _json.TokenType switch
        {
            JsonTokenType.Null => true,
            JsonTokenType.Number => NumberAsInteger(out value),
            JsonTokenType.String => StringAsInteger(out value),
            _ => false,
        };
        return (ok && value >= min && value <= max) || Fail(at, problem);
    }

    private bool NumberAsInteger(out long value) =>
        _json.TryGetInt64(out value) || (_json.TryGetDecimal(out var number) && IsInteger(number, out value));

    private bool StringAsInteger(out long value)
    {
        value = 0;
        if (_json.ValueSpan.Length > MaxNumberLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        scoped ReadOnlySpan<byte> text;
        try
        {
            text = _json.ValueIsEscaped ? buffer[.._json.CopyString(buffer)] : _json.ValueSpan;
        }
        catch (InvalidOperationException)
        {
            // A \u-escaped lone surrogate ("\ud800"): valid JSON, yet no text, so no number either.
            return false;
        }

        if (text.IsEmpty)
        {
            return false;
        }

        // The same notations as a JSON number, whole values only: "300", "-5", "1.5e3" (Utf8Parser skips no whitespace).
        if (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length)
        {
            return true;
        }

        return Utf8Parser.TryParse(text, out decimal number, out consumed) && consumed == text.Length && IsInteger(number, out value);
    }

    private static bool IsInteger(decimal number, out long value)
    {
        var whole = number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue;
        value = whole ? (long)number : 0;
        return whole;
    }

    private bool EnumValue<T>(Scope at, ProtoEnum<T> type, out T value)
        where T : struct, Enum
    {
        value = default;
        switch (_json.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                value = EnumName(in _json, type);
                return true;
            case JsonTokenType.Number when _json.TryGetInt32(out var number):
                value = ProtoEnum<T>.FromNumber(number);
                return true;
            default:
                return Fail(at, NotAnEnum);
        }
    }

    private static T EnumName<T>(in Utf8JsonReader json, ProtoEnum<T> type)
        where T : struct, Enum
    {
        Span<char> buffer = stackalloc char[MaxNameLength];
        if (json.ValueSpan.Length > buffer.Length)
        {
            return ProtoEnum<T>.Unrecognized;
        }

        try
        {
            return type.FromName(buffer[..json.CopyString(buffer)]);
        }
        catch (InvalidOperationException)
        {
            return ProtoEnum<T>.Unrecognized;
        }
    }

    /// <summary>A repeated enum; protojson writes every element, the default value included, and no element may be null.</summary>
    private bool EnumList<T>(string path, ProtoEnum<T> type, out IReadOnlyList<T> values)
        where T : struct, Enum
    {
        values = [];
        if (!StartList(path))
        {
            return !IsFailed;
        }

        List<T>? list = null;
        for (var index = 0; NextElement(); index++)
        {
            var element = new Scope(path, index);
            if (_json.TokenType == JsonTokenType.Null)
            {
                return Fail(element, NotAnEnum);
            }

            if (!EnumValue(element, type, out var value))
            {
                return false;
            }

            (list ??= []).Add(value);
        }

        if (list is not null)
        {
            values = list;
        }

        return true;
    }

    /// <summary>A <c>map&lt;string, string&gt;</c>: a JSON object whose keys are kept exactly as sent, and whose values may not be null.</summary>
    private bool StringMap(string path, out IReadOnlyDictionary<string, string> map)
    {
        map = ReadOnlyDictionary<string, string>.Empty;
        if (!StartMessage(new Scope(path)))
        {
            return !IsFailed;
        }

        Dictionary<string, string>? entries = null;
        while (NextProperty())
        {
            string key;
            try
            {
                key = _json.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return Fail(new Scope(path), "has a key that is not valid text: it escapes a lone UTF-16 surrogate");
            }

            _json.Read();
            if (_json.TokenType != JsonTokenType.String)
            {
                return Fail(new Scope($"{path}[\"{key}\"]"), "must be a string");
            }

            if (!Text(new Scope(path), out var value))
            {
                return false;
            }

            (entries ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
        }

        if (entries is not null)
        {
            map = entries;
        }

        return true;
    }

    /// <summary>An instant sent as seconds and, optionally, milliseconds: the milliseconds win when set; null when neither is.</summary>
    private bool Time(Scope scope, string secondsField, long seconds, string millisecondsField, long milliseconds, out DateTimeOffset? time) =>
        milliseconds != 0
            ? UnixTime(scope.Dot(millisecondsField), milliseconds, TimeSpan.TicksPerMillisecond, out time)
            : UnixTime(scope.Dot(secondsField), seconds, TimeSpan.TicksPerSecond, out time);

    private bool UnixTime(Scope at, long value, long ticksPerUnit, out DateTimeOffset? time)
    {
        time = null;
        if (value == 0)
        {
            return true;
        }

        var min = (DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / ticksPerUnit;
        var max = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / ticksPerUnit;
        if (value < min || value > max)
        {
            return Fail(at, "is out of range for a Unix time");
        }

        time = DateTimeOffset.UnixEpoch.AddTicks(value * ticksPerUnit);
        return true;
    }

    private bool Fail(Scope at, string problem)
    {
        Error = $"Field '{at}' {problem}.";
        return false;
    }

    /// <summary>
    /// A JSON path, formatted only when an error names it: an object (<c>room</c>, <c>participant.tracks[1]</c>, or the body
    /// itself) or one field of it (<c>participant.tracks[1].source</c>).
    /// </summary>
    private readonly record struct Scope(string Parent, int Index = -1, string? Field = null)
    {
        public static Scope Root => new("");

        public Scope Dot(string field) => this with { Field = field };

        public override string ToString()
        {
            var owner = Index < 0 ? Parent : $"{Parent}[{Index}]";
            return Field is null ? owner : owner.Length == 0 ? Field : $"{owner}.{Field}";
        }
    }
}
