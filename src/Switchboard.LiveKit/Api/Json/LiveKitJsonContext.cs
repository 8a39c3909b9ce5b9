using System.Text.Json.Serialization;

namespace Switchboard.LiveKit.Api.Json;

/// <summary>
/// Source-generated contracts for every Twirp request and answer. Names are the proto names (snake_case); defaults are left
/// out of requests (proto3 cannot tell them from absent). <see cref="LiveKitJson"/> adds the camelCase reading names.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Empty))]
[JsonSerializable(typeof(TwirpError))]
[JsonSerializable(typeof(CreateAgentDispatchRequest))]
[JsonSerializable(typeof(ListAgentDispatchRequest))]
[JsonSerializable(typeof(ListAgentDispatchResponse))]
[JsonSerializable(typeof(DeleteAgentDispatchRequest))]
[JsonSerializable(typeof(AgentDispatch))]
[JsonSerializable(typeof(CreateSipDispatchRuleRequest))]
[JsonSerializable(typeof(UpdateSipDispatchRuleRequest))]
[JsonSerializable(typeof(ListSipDispatchRuleRequest))]
[JsonSerializable(typeof(ListSipDispatchRuleResponse))]
[JsonSerializable(typeof(DeleteSipDispatchRuleRequest))]
[JsonSerializable(typeof(SipDispatchRuleInfo))]
[JsonSerializable(typeof(CreateSipInboundTrunkRequest))]
[JsonSerializable(typeof(UpdateSipInboundTrunkRequest))]
[JsonSerializable(typeof(ListSipInboundTrunkRequest))]
[JsonSerializable(typeof(ListSipInboundTrunkResponse))]
[JsonSerializable(typeof(SipInboundTrunkInfo))]
[JsonSerializable(typeof(TransferSipParticipantRequest))]
[JsonSerializable(typeof(SipTransferResult))]
[JsonSerializable(typeof(RoomParticipantIdentity))]
[JsonSerializable(typeof(UpdateParticipantRequest))]
[JsonSerializable(typeof(ParticipantInfo))]
[JsonSerializable(typeof(ListParticipantsRequest))]
[JsonSerializable(typeof(ListParticipantsResponse))]
[JsonSerializable(typeof(DeleteRoomRequest))]
internal sealed partial class LiveKitJsonContext : JsonSerializerContext;
