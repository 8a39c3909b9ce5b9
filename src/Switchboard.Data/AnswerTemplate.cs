using System.Globalization;

namespace Switchboard.Data;

/// <summary>
/// The answer stored for a call, rendered before its lead is known: the lead's id, <c>returning</c> flag and call count are
/// slots the recorder fills once the lead upsert has returned them (in .NET, or inside PostgreSQL's one statement with
/// <c>format()</c>). A slot is a control character no JSON writer leaves unescaped, so it cannot be confused with content.
/// </summary>
public sealed class AnswerTemplate
{
    /// <summary>The lead id's slot: written with its quotes, as a JSON string value.</summary>
    public const string LeadIdSlot = "\"\u0001i\"";

    /// <summary>The lead's <c>returning</c> slot: written as a JSON value (<c>true</c> or <c>false</c>).</summary>
    public const string ReturningSlot = "\u0001r";

    /// <summary>The lead's call count slot: written as a JSON number.</summary>
    public const string CallCountSlot = "\u0001c";

    private readonly string _text;

    private AnswerTemplate(string text, bool hasLead)
    {
        _text = text;
        HasLead = hasLead;
    }

    /// <summary>Whether the answer shows a lead: its slots must be filled (and a lead recorded) before it is an answer.</summary>
    public bool HasLead { get; }

    /// <summary>An answer with no lead in it: the text as is.</summary>
    public static AnswerTemplate Final(string json) => new(json, hasLead: false);

    /// <summary>An answer whose lead is written as the slots <see cref="LeadIdSlot"/>, <see cref="ReturningSlot"/> and <see cref="CallCountSlot"/>.</summary>
    public static AnswerTemplate WithLead(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains(LeadIdSlot, StringComparison.Ordinal) || !json.Contains(ReturningSlot, StringComparison.Ordinal)
            || !json.Contains(CallCountSlot, StringComparison.Ordinal))
        {
            throw new ArgumentException("An answer with a lead must hold the lead's three slots.", nameof(json));
        }

        return new AnswerTemplate(json, hasLead: true);
    }

    /// <summary>The answer with no lead (a template without one).</summary>
    public string Text => HasLead ? throw new InvalidOperationException("This answer shows a lead: fill it.") : _text;

    /// <summary>The answer with the lead's values in its slots (lead ids are written lowercase, as PostgreSQL writes a uuid).</summary>
    public string Fill(LeadTouch lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return Expand(_text, lead.Id.ToString("D"), lead.Returning ? "true" : "false", lead.CallCount.ToString(CultureInfo.InvariantCulture), escapePercent: false);
    }

    /// <summary>
    /// The template as a PostgreSQL <c>format()</c> string whose arguments are the lead's id, whether it is returning, and its call count
    /// (every other <c>%</c> doubled). <c>uuid</c>, <c>boolean</c> and <c>integer</c> print as the JSON values <see cref="Fill"/> writes.
    /// </summary>
    public string PostgresFormat() => Expand(_text, "%1$s", "%2$s", "%3$s", escapePercent: true);

    /// <summary>One pass over the text: each slot replaced, and <c>%</c> doubled when asked.</summary>
    private static string Expand(string text, string leadId, string returning, string callCount, bool escapePercent)
    {
        var result = new System.Text.StringBuilder(text.Length + 64);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u0001' && i + 1 < text.Length)
            {
                result.Append(text[++i] switch
                {
                    'i' => leadId,
                    'r' => returning,
                    'c' => callCount,
                    var other => throw new InvalidOperationException($"Unknown answer slot '{other}'."),
                });
            }
            else
            {
                result.Append(c);
                if (c == '%' && escapePercent)
                {
                    result.Append('%');
                }
            }
        }

        return result.ToString();
    }
}
