namespace Switchboard.Data;

/// <summary>How Switchboard first learnt of a call (<see cref="Entities.Call.Source"/>).</summary>
public static class CallSources
{
    /// <summary>Routed through a synchronous routing webhook.</summary>
    public const string Webhook = "webhook";

    /// <summary>First seen in LiveKit's webhook events (routed by LiveKit's rules, or routed by Switchboard on the caller's join).</summary>
    public const string Events = "events";
}
