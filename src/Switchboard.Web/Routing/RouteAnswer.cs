using System.Buffers;
using System.Text.Json;
using Switchboard.Core.Routing;
using Switchboard.Data;

namespace Switchboard.Web.Routing;

/// <summary>
/// Writes the routing webhook's answer (snake_case):
/// <c>{"action","agent_name","metadata":{call_id,tenant,campaign,lead},"attributes","reject_reason","reason","config_version","degraded"}</c>.
/// Written with <see cref="Utf8JsonWriter"/> straight from the decision: no reflection on the hot path.
/// </summary>
public static class RouteAnswer
{
    public const string TenantAttribute = "switchboard.tenant";
    public const string CampaignAttribute = "switchboard.campaign";
    public const string LeadAttribute = "switchboard.lead";

    public static string Render(string callId, RoutingDecision decision, LeadTouch? lead, long configVersion, bool degraded)
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

            if (lead is not null)
            {
                json.WriteStartObject("lead");
                json.WriteString("id", lead.Id);
                json.WriteBoolean("returning", lead.Returning);
                json.WriteNumber("call_count", lead.CallCount);
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

                if (lead is not null)
                {
                    json.WriteString(LeadAttribute, lead.Id);
                }
            }

            json.WriteEndObject();
            WriteNullable(json, "reject_reason", accept is null ? decision.Reason.Code() : null);
            json.WriteString("reason", decision.Reason.Code());
            json.WriteNumber("config_version", configVersion);
            json.WriteBoolean("degraded", degraded);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
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
