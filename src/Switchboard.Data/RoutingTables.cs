using Switchboard.Core.Routing;

namespace Switchboard.Data;

/// <summary>
/// Holds the current <see cref="RoutingTable"/> for the hot path. Swapped whole, never mutated; a table
/// only ever replaces an older version, so a slow refresh cannot undo a newer apply.
/// </summary>
public sealed class RoutingTables
{
    private RoutingTable? _current;

    /// <summary>The table in force, or null until one has been loaded from the database.</summary>
    public RoutingTable? Current => Volatile.Read(ref _current);

    public void Publish(RoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && current.Version > table.Version)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _current, table, current) == current)
            {
                return;
            }
        }
    }
}
