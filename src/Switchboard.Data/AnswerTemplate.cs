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

    private const string LeadId = "\u0001i";

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
        return _text
            .Replace(LeadId, lead.Id.ToString("D"), StringComparison.Ordinal)
            .Replace(ReturningSlot, lead.Returning ? "true" : "false", StringComparison.Ordinal)
            .Replace(CallCountSlot, lead.CallCount.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// The template as a PostgreSQL <c>format()</c> string whose arguments are the lead's id, whether it is returning, and its call count
    /// (every other <c>%</c> doubled). <c>uuid</c>, <c>boolean</c> and <c>integer</c> print as the JSON values <see cref="Fill"/> writes.
    /// </summary>
    public string PostgresFormat() => _text
        .Replace("%", "%%", StringComparison.Ordinal)
        .Replace(LeadId, "%1$s", StringComparison.Ordinal)
        .Replace(ReturningSlot, "%2$s", StringComparison.Ordinal)
        .Replace(CallCountSlot, "%3$s", StringComparison.Ordinal);
}
