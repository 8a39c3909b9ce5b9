using System.Buffers;
using System.Text.Json;
using Switchboard.Core.Routing;
using Switchboard.Data;

namespace Switchboard.Web.Routing;

/// <summary>
/// Writes the routing webhook's answer (snake_case):
/// <c>{"action","agent_name","metadata":{call_id,tenant,campaign,lead},"attributes","reject_reason","reason","config_version","degraded"}</c>.
/// Written with <see cref="Utf8JsonWriter"/> straight from the decision: no reflection on the hot path. The lead is not known
/// until the recorder has upserted it, so an answer with a lead is a template with slots for it (<see cref="AnswerTemplate"/>).
/// </summary>
public static class RouteAnswer
{
    public const string TenantAttribute = "switchboard.tenant";
    public const string CampaignAttribute = "switchboard.campaign";
    public const string LeadAttribute = "switchboard.lead";

    /// <summary>The answer with the lead filled in (or none).</summary>
    public static string Render(string callId, RoutingDecision decision, LeadTouch? lead, long configVersion, bool degraded) =>
        lead is null ? Template(callId, decision, withLead: false, configVersion, degraded).Text : Template(callId, decision, withLead: true, configVersion, degraded).Fill(lead);

    /// <summary>The answer, with slots for the lead when <paramref name="withLead"/> (the recorder fills them).</summary>
    public static AnswerTemplate Template(string callId, RoutingDecision decision, bool withLead, long configVersion, bool degraded)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var accept = decision as RoutingDecision.Accept;
            json.WriteStartObject();
            json.WriteString("action", accept is null ? "reject" : "accept");
            WriteNullable(json, "agent_name", accept?.AgentName);

            json.WriteStartObject("metadata");
            json.WriteString("call_id", callId);
            if (decision.Tenant is { } tenant)
            {
                json.WriteStartObject("tenant");
                json.WriteString("id", tenant.Id);
                json.WriteString("name", tenant.Name);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("tenant");
            }

            if (decision.Campaign is { } campaign)
            {
                json.WriteStartObject("campaign");
                json.WriteString("id", campaign.Id);
                json.WriteString("name", campaign.Name);
                json.WritePropertyName("metadata");
                if (campaign.Metadata is { } metadata)
                {
                    metadata.WriteTo(json);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("campaign");
            }

            if (withLead)
            {
                json.WriteStartObject("lead");
                WriteSlot(json, "id", AnswerTemplate.LeadIdSlot);
                WriteSlot(json, "returning", AnswerTemplate.ReturningSlot);
                WriteSlot(json, "call_count", AnswerTemplate.CallCountSlot);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("lead");
            }

            json.WriteEndObject();

            json.WriteStartObject("attributes");
            if (accept is not null)
            {
                if (decision.Tenant is { } t)
                {
                    json.WriteString(TenantAttribute, t.Id);
                }

                if (decision.Campaign is { } c)
                {
                    json.WriteString(CampaignAttribute, c.Id);
                }

                if (withLead)
                {
                    WriteSlot(json, LeadAttribute, AnswerTemplate.LeadIdSlot);
                }
            }

            json.WriteEndObject();
            WriteNullable(json, "reject_reason", accept is null ? decision.Reason.Code() : null);
            json.WriteString("reason", decision.Reason.Code());
            json.WriteNumber("config_version", configVersion);
            json.WriteBoolean("degraded", degraded);
            json.WriteEndObject();
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        return withLead ? AnswerTemplate.WithLead(text) : AnswerTemplate.Final(text);
    }

    /// <summary>A lead slot, raw: the writer would escape its control character, and the slot must stay findable.</summary>
    private static void WriteSlot(Utf8JsonWriter json, string name, string slot)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(slot, skipInputValidation: true);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
