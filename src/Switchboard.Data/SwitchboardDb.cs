using Microsoft.EntityFrameworkCore;
using Switchboard.Data.Entities;

namespace Switchboard.Data;

/// <summary>The one context. Tables and columns are snake_case on every provider, so the hot path's SQL is portable.</summary>
public sealed class SwitchboardDb(DbContextOptions<SwitchboardDb> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<InboundNumber> Numbers => Set<InboundNumber>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<Call> Calls => Set<Call>();

    public DbSet<CallEvent> CallEvents => Set<CallEvent>();

    public DbSet<ConfigVersion> ConfigVersions => Set<ConfigVersion>();

    public DbSet<LiveKitEvent> LiveKitEvents => Set<LiveKitEvent>();

    public DbSet<CallAction> CallActions => Set<CallAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SwitchboardDb).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
