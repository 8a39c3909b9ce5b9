using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchboard.Data;

namespace Switchboard.Web.Hosting;

/// <summary>Ready when the database answers, every migration is applied and a routing table is loaded.</summary>
internal sealed class DatabaseReadyCheck(SwitchboardDb db, RoutingTables tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            if (pending > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending} database migration(s) not applied.");
            }

            return tables.Current is null
                ? HealthCheckResult.Unhealthy("The routing table is not loaded yet.")
                : HealthCheckResult.Healthy($"Configuration version {tables.Current.Version}.");
        }
        catch (Exception ex) when (StorageFault.Is(ex))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
