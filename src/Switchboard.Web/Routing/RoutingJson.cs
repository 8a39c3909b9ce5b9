using System.Text.Json.Serialization;
using Switchboard.Core.Routing;

namespace Switchboard.Web.Routing;

/// <summary>Source-generated JSON for what the hot path stores (trace, attributes): snake_case, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<TraceStep>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class RoutingJson : JsonSerializerContext;
