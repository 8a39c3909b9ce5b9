namespace Switchboard.Data;

/// <summary>The lead a call created or updated: <see cref="Returning"/> when it existed before this call.</summary>
public sealed record LeadTouch(Guid Id, int CallCount)
{
    public bool Returning => CallCount > 1;
}
