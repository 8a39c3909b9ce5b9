using System.Text.Json;
using Switchboard.Core.Configuration;
using Switchboard.Core.Routing;
using Switchboard.Data;
using Switchboard.Web.Routing;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// The answer is rendered before its lead exists: slots for the lead, filled in .NET (SQLite) or by PostgreSQL's <c>format()</c>.
/// Both must give the answer the decision and the lead make, whatever the configuration's text holds.
/// </summary>
public sealed class AnswerTemplateTests
{
    private static readonly LeadTouch Returning = new(Guid.Parse("0190a5f4-1234-7abc-8def-0123456789ab"), 3);

    [Fact]
    public void A_filled_template_is_the_answer_with_the_lead()
    {
        var decision = Accept("""{"note": "plain"}""");

        var answer = JsonDocument.Parse(RouteAnswer.Template("SCL_1", decision, withLead: true, 7, degraded: false).Fill(Returning)).RootElement;

        var lead = answer.GetProperty("metadata").GetProperty("lead");
        Assert.Equal("0190a5f4-1234-7abc-8def-0123456789ab", lead.GetProperty("id").GetString());
        Assert.True(lead.GetProperty("returning").GetBoolean());
        Assert.Equal(3, lead.GetProperty("call_count").GetInt32());
        Assert.Equal("0190a5f4-1234-7abc-8def-0123456789ab", answer.GetProperty("attributes").GetProperty(RouteAnswer.LeadAttribute).GetString());
        Assert.Equal("plain", answer.GetProperty("metadata").GetProperty("campaign").GetProperty("metadata").GetProperty("note").GetString());
    }

    [Fact]
    public void A_first_call_is_not_returning()
    {
        var answer = RouteAnswer.Template("SCL_1", Accept(null), withLead: true, 7, degraded: false).Fill(Returning with { CallCount = 1 });

        Assert.False(JsonDocument.Parse(answer).RootElement.GetProperty("metadata").GetProperty("lead").GetProperty("returning").GetBoolean());
    }

    [Theory]
    [InlineData("100% sure")]
    [InlineData("%1$s %2$s %s %%")]
    [InlineData("\u0001i \u0001r \u0001c")]
    public void Text_that_looks_like_a_slot_or_a_format_is_kept_verbatim(string note)
    {
        var decision = Accept(JsonSerializer.Serialize(new { note }));
        var template = RouteAnswer.Template("SCL_%s", decision, withLead: true, 7, degraded: false);

        var filled = JsonDocument.Parse(template.Fill(Returning)).RootElement;
        var formatted = JsonDocument.Parse(PostgresFormat(template.PostgresFormat(), Returning)).RootElement;

        foreach (var answer in new[] { filled, formatted })
        {
            Assert.Equal(note, answer.GetProperty("metadata").GetProperty("campaign").GetProperty("metadata").GetProperty("note").GetString());
            Assert.Equal("SCL_%s", answer.GetProperty("metadata").GetProperty("call_id").GetString());
            Assert.Equal(3, answer.GetProperty("metadata").GetProperty("lead").GetProperty("call_count").GetInt32());
        }

        Assert.Equal(template.Fill(Returning), PostgresFormat(template.PostgresFormat(), Returning));
    }

    [Fact]
    public void An_answer_without_a_lead_has_no_slots_to_fill()
    {
        var template = RouteAnswer.Template("SCL_1", Accept(null), withLead: false, 7, degraded: false);

        Assert.False(template.HasLead);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(template.Text).RootElement.GetProperty("metadata").GetProperty("lead").ValueKind);
        Assert.Equal(template.Text, RouteAnswer.Render("SCL_1", Accept(null), lead: null, 7, degraded: false));
    }

    [Fact]
    public void An_answer_with_a_lead_is_not_an_answer_until_filled()
    {
        var template = RouteAnswer.Template("SCL_1", Accept(null), withLead: true, 7, degraded: false);

        Assert.True(template.HasLead);
        Assert.Throws<InvalidOperationException>(() => template.Text);
        Assert.Throws<ArgumentException>(() => AnswerTemplate.WithLead("""{"lead": null}"""));
    }

    private static RoutingDecision.Accept Accept(string? campaignMetadata)
    {
        var parsed = ConfigParser.Parse($"""
            tenants:
              - id: acme
                name: Acme "100%"
                default_agent: acme-bot
                campaigns:
                  - id: promo
                    name: Promo
                    agent: promo-bot
                    {(campaignMetadata is null ? "" : "metadata: " + campaignMetadata)}
                numbers:
                  - number: "+18005550100"
                    campaign: promo
            """);
        Assert.True(parsed.IsValid, string.Join('\n', parsed.Errors));
        var table = parsed.Config.ToRoutingTable(7);
        var call = CallRouting.ToInboundCall(new RouteRequest("SCL_1", "+15551234567", "+18005550100", TrunkId: null, RoomName: null, Attributes: null), table);
        return Assert.IsType<RoutingDecision.Accept>(Router.Decide(call, table, DateTimeOffset.Parse("2026-03-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>What PostgreSQL's <c>format()</c> does with the three arguments the recorder passes (<c>%n$s</c> and <c>%%</c>).</summary>
    private static string PostgresFormat(string format, LeadTouch lead)
    {
        string[] args = [lead.Id.ToString("D"), lead.Returning ? "true" : "false", lead.CallCount.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
            }
            else if (format[i + 1] == '%')
            {
                text.Append('%');
                i++;
            }
            else
            {
                Assert.Equal("$s", format.Substring(i + 2, 2));
                text.Append(args[format[i + 1] - '1']);
                i += 3;
            }
        }

        return text.ToString();
    }
}
