using System.Globalization;
using Switchboard.Core.DispatchRules;

namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// One change a <see cref="LiveKitSyncPlan"/> makes to a managed object, matched by its stable <see cref="Name"/>.
/// A create or update carries the object as it should be (<see cref="Trunk"/> or <see cref="Rule"/>, whose trunk ids may still
/// hold <see cref="ManagedObjects.PendingTrunkId"/>); a delete carries the object as LiveKit holds it.
/// </summary>
public sealed record SyncStep(SyncAction Action, SyncObjectKind Kind, string Name)
{
    /// <summary>LiveKit's id of the object updated or deleted; null for a create.</summary>
    public string? Id { get; init; }

    public InboundTrunk? Trunk { get; init; }

    public DispatchRule? Rule { get; init; }

    /// <summary>For an update, what differs, e.g. <c>agent: sales-agent → support-agent</c>. Never holds a secret.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>The rule's first named agent, or null for a trunk or a rule without one.</summary>
    public string? Agent => Rule?.Agents.FirstOrDefault(a => a.AgentName.Length > 0)?.AgentName;

    /// <summary>
    /// One line, like a diff: <c>+ create rule "switchboard: +15550001111" (agent sales-agent)</c>,
    /// <c>~ update rule "…" SDR_… (agent: a → b)</c>, <c>- delete rule "…" SDR_…</c>.
    /// </summary>
    public string Describe()
    {
        var kind = Kind == SyncObjectKind.Trunk ? "trunk" : "rule";
        var id = Id is null ? "" : " " + Id;
        return Action switch
        {
            SyncAction.Create => $"+ create {kind} \"{Name}\" ({What()})",
            SyncAction.Update => $"~ update {kind} \"{Name}\"{id} ({string.Join("; ", Changes)})",
            _ => $"- delete {kind} \"{Name}\"{id}",
        };
    }

    private string What()
    {
        if (Trunk is { } trunk)
        {
            var what = Count(trunk.Numbers.Count, "number");
            what += trunk.AllowedAddresses.Count > 0 ? ", " + Count(trunk.AllowedAddresses.Count, "allowed address") : ", any address";
            return trunk.HasAuth ? what + ", digest auth" : what;
        }

        return Agent is { } agent ? $"agent {agent}" : "no agent: Switchboard dispatches when the caller joins";
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : noun.EndsWith('s') ? "es" : "s");
}
