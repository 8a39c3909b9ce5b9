using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Switchboard.LiveKit.Api.Json;

/// <summary>
/// LiveKit's Twirp JSON (livekit.md §3.2) over <see cref="LiveKitJsonContext"/>'s contracts:
/// <list type="bullet">
/// <item>requests leave out empty strings (but those of proto3 optionals), lists and maps, like every other default;</item>
/// <item>answers are read in either naming style: protobuf JSON allows lowerCamelCase as well as the proto names LiveKit
/// emits today, so <see cref="Read{T}"/> renames camelCase members to proto names first, guided by the contract (map keys,
/// such as attribute names, are data and are left alone).</item>
/// </list>
/// </summary>
internal static class LiveKitJson
{
    public static readonly JsonSerializerOptions Options = new(LiveKitJsonContext.Default.Options)
    {
        TypeInfoResolver = LiveKitJsonContext.Default.WithAddedModifier(OmitEmptyValues),
    };

    private static readonly ConcurrentDictionary<Type, Dictionary<string, string>> CamelCaseNames = new();

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Reads an answer given in proto names, lowerCamelCase names or a mix.</summary>
    public static T? Read<T>(JsonNode? json)
    {
        if (json is not null)
        {
            Normalize(json, typeof(T));
        }

        return json.Deserialize(Info<T>());
    }

    /// <summary><c>sip_dispatch_rule_id</c> → <c>sipDispatchRuleId</c>, as protobuf derives JSON names.</summary>
    public static string CamelCase(string protoName)
    {
        var name = new StringBuilder(protoName.Length);
        var upper = false;
        foreach (var c in protoName)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return name.ToString();
    }

    private static void Normalize(JsonNode json, Type type)
    {
        if (json is JsonArray list && ElementOf(type) is { } element)
        {
            foreach (var item in list)
            {
                if (item is not null)
                {
                    Normalize(item, element);
                }
            }

            return;
        }

        if (json is not JsonObject message || !Options.TryGetTypeInfo(Nullable.GetUnderlyingType(type) ?? type, out var info) || info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var protoNames = CamelCaseNames.GetOrAdd(info.Type, _ => info.Properties
            .Where(p => p.Name.Contains('_', StringComparison.Ordinal))
            .ToDictionary(p => CamelCase(p.Name), p => p.Name, StringComparer.Ordinal));
        foreach (var key in message.Select(member => member.Key).ToList())
        {
            if (protoNames.TryGetValue(key, out var protoName) && !message.ContainsKey(protoName))
            {
                var value = message[key];
                message.Remove(key);
                message[protoName] = value;
            }
        }

        foreach (var property in info.Properties)
        {
            if (message[property.Name] is { } value)
            {
                Normalize(value, property.PropertyType);
            }
        }
    }

    /// <summary>The item type of a list of messages; null for anything else (maps included: their keys are data).</summary>
    private static Type? ElementOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && type.GetGenericArguments()[0] is { IsClass: true } element
            && element != typeof(string)
            ? element
            : null;

    private static void OmitEmptyValues(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string))
            {
                // "" is proto3's default for a plain string; a nullable one is a proto3 optional, where "" is a value to send.
                if (!property.IsGetNullable)
                {
                    property.ShouldSerialize = static (_, value) => value is string { Length: > 0 };
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => HasItems(value);
            }
        }
    }

    private static bool HasItems(object? value)
    {
        switch (value)
        {
            case ICollection collection:
                return collection.Count > 0;
            case IEnumerable enumerable:
                var enumerator = enumerable.GetEnumerator();
                try
                {
                    return enumerator.MoveNext();
                }
                finally
                {
                    (enumerator as IDisposable)?.Dispose();
                }

            default:
                return false;
        }
    }
}
