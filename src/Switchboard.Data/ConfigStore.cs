using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Data.Entities;

namespace Switchboard.Data;

/// <summary>
/// Applies a validated configuration as an idempotent upsert in one transaction, and reads back the one in
/// force. Items missing from the file are removed only when pruning; what has history (calls, leads) is
/// archived rather than deleted, and calls and leads themselves are never deleted.
/// </summary>
public sealed class ConfigStore(SwitchboardDb db)
{
    public async Task<StoredConfig> LoadAsync(CancellationToken cancellationToken)
    {
        var latest = await db.ConfigVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Where(t => t.ArchivedAtUtc == null).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var campaigns = (await db.Campaigns.AsNoTracking().Where(c => c.ArchivedAtUtc == null).ToListAsync(cancellationToken))
            .ToLookup(c => c.TenantId);
        var numbers = (await db.Numbers.AsNoTracking().Where(n => n.ArchivedAtUtc == null).ToListAsync(cancellationToken))
            .ToLookup(n => n.TenantId);

        var config = new SwitchboardConfig(
            latest?.DefaultAgent,
            latest?.DefaultRegion ?? PhoneNumber.DefaultRegion,
            ParseNumbers(latest?.BlockedCallersJson),
            [.. tenants.Select(t => ToConfig(t, [.. campaigns[t.Id].OrderBy(c => c.Id, StringComparer.Ordinal)], [.. numbers[t.Id].OrderBy(n => n.Number, StringComparer.Ordinal)]))])
        {
            LiveKit = latest?.LiveKitJson is { } liveKit ? LiveKitRulesJson.Read(liveKit) : LiveKitRules.Empty,
        };
        return new StoredConfig(config, latest?.Version ?? 0);
    }

    public async Task<ConfigApplyResult> ApplyAsync(SwitchboardConfig config, bool prune, string source, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changes = new List<string>();

        var latest = await db.ConfigVersions.OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        var tenants = await db.Tenants.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, cancellationToken);
        var campaigns = await db.Campaigns.ToDictionaryAsync(c => (c.TenantId, c.Id), cancellationToken);
        var numbers = await db.Numbers.ToDictionaryAsync(n => n.Number, StringComparer.Ordinal, cancellationToken);

        var blocked = JsonSerializer.Serialize(config.BlockedCallers.Select(n => n.Value));
        if (latest is null || latest.DefaultAgent != config.DefaultAgent || latest.DefaultRegion != config.DefaultRegion || latest.BlockedCallersJson != blocked)
        {
            changes.Add("update global settings (default_agent, default_region, blocked_callers)");
        }

        // The livekit section is one item: a file with one replaces it whole; a file without one keeps it, unless pruning.
        var liveKit = !config.LiveKit.IsEmpty ? LiveKitRulesJson.Write(config.LiveKit) : prune ? null : latest?.LiveKitJson;
        if (liveKit != latest?.LiveKitJson)
        {
            changes.Add(liveKit is null ? "remove the livekit section" : "update the livekit section (trunks, dispatch_rules)");
        }

        foreach (var tenant in config.Tenants)
        {
            UpsertTenant(tenants, tenant, nowUtc, changes);
            foreach (var campaign in tenant.Campaigns)
            {
                UpsertCampaign(campaigns, tenant.Id, campaign, nowUtc, changes);
            }

            foreach (var number in tenant.Numbers)
            {
                UpsertNumber(numbers, tenant.Id, number, nowUtc, changes);
            }
        }

        if (prune)
        {
            await PruneAsync(config, tenants.Values, campaigns.Values, numbers.Values, nowUtc, changes, cancellationToken);
        }

        if (changes.Count == 0)
        {
            return new ConfigApplyResult(latest?.Version ?? 0, changes);
        }

        var version = (latest?.Version ?? 0) + 1;
        db.ConfigVersions.Add(new ConfigVersion
        {
            Version = version,
            AppliedAtUtc = nowUtc,
            Source = source,
            Summary = string.Join('\n', changes),
            DefaultAgent = config.DefaultAgent,
            DefaultRegion = config.DefaultRegion,
            BlockedCallersJson = blocked,
            LiveKitJson = liveKit,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ConfigApplyResult(version, changes);
    }

    private void UpsertTenant(Dictionary<string, Tenant> tenants, TenantConfig config, DateTime nowUtc, List<string> changes)
    {
        var blocked = JsonSerializer.Serialize(config.BlockedCallers.Select(n => n.Value));
        if (!tenants.TryGetValue(config.Id, out var tenant))
        {
            tenant = new Tenant { Id = config.Id, Name = config.Name, TimeZone = config.TimeZone, CreatedAtUtc = nowUtc };
            tenants.Add(config.Id, tenant);
            db.Tenants.Add(tenant);
            changes.Add($"create tenant {config.Id}");
        }
        else if (tenant.Name != config.Name || tenant.DefaultAgent != config.DefaultAgent || tenant.TimeZone != config.TimeZone
            || tenant.BlockedCallersJson != blocked || tenant.ArchivedAtUtc is not null || !SameFallback(tenant.BackupAgent, tenant.FallbackTransferTo, tenant.AgentJoinTimeoutSeconds, config.Fallback))
        {
            changes.Add(tenant.ArchivedAtUtc is null ? $"update tenant {config.Id}" : $"restore tenant {config.Id}");
        }
        else
        {
            return;
        }

        tenant.Name = config.Name;
        tenant.DefaultAgent = config.DefaultAgent;
        tenant.TimeZone = config.TimeZone;
        tenant.BlockedCallersJson = blocked;
        (tenant.BackupAgent, tenant.FallbackTransferTo, tenant.AgentJoinTimeoutSeconds) = (config.Fallback.BackupAgent, config.Fallback.FallbackTransferTo, config.Fallback.AgentJoinTimeoutSeconds);
        tenant.ArchivedAtUtc = null;
        tenant.UpdatedAtUtc = nowUtc;
    }

    private void UpsertCampaign(Dictionary<(string, string), Campaign> campaigns, string tenantId, CampaignConfig config, DateTime nowUtc, List<string> changes)
    {
        var metadata = config.Metadata is { } m ? JsonSerializer.Serialize(m) : null;
        var starts = config.StartsAt?.UtcDateTime;
        var ends = config.EndsAt?.UtcDateTime;
        if (!campaigns.TryGetValue((tenantId, config.Id), out var campaign))
        {
            campaign = new Campaign { TenantId = tenantId, Id = config.Id, Name = config.Name, CreatedAtUtc = nowUtc };
            campaigns.Add((tenantId, config.Id), campaign);
            db.Campaigns.Add(campaign);
            changes.Add($"create campaign {tenantId}/{config.Id}");
        }
        else if (campaign.Name != config.Name || campaign.Agent != config.Agent || campaign.Active != config.Active || campaign.StartsAtUtc != starts
            || campaign.EndsAtUtc != ends || campaign.MetadataJson != metadata || campaign.ArchivedAtUtc is not null
            || !SameFallback(campaign.BackupAgent, campaign.FallbackTransferTo, campaign.AgentJoinTimeoutSeconds, config.Fallback))
        {
            changes.Add(campaign.ArchivedAtUtc is null ? $"update campaign {tenantId}/{config.Id}" : $"restore campaign {tenantId}/{config.Id}");
        }
        else
        {
            return;
        }

        campaign.Name = config.Name;
        campaign.Agent = config.Agent;
        campaign.Active = config.Active;
        campaign.StartsAtUtc = starts;
        campaign.EndsAtUtc = ends;
        campaign.MetadataJson = metadata;
        (campaign.BackupAgent, campaign.FallbackTransferTo, campaign.AgentJoinTimeoutSeconds) = (config.Fallback.BackupAgent, config.Fallback.FallbackTransferTo, config.Fallback.AgentJoinTimeoutSeconds);
        campaign.ArchivedAtUtc = null;
        campaign.UpdatedAtUtc = nowUtc;
    }

    private void UpsertNumber(Dictionary<string, InboundNumber> numbers, string tenantId, NumberConfig config, DateTime nowUtc, List<string> changes)
    {
        var key = config.Number.Value;
        if (!numbers.TryGetValue(key, out var number))
        {
            number = new InboundNumber { Number = key, TenantId = tenantId, CreatedAtUtc = nowUtc };
            numbers.Add(key, number);
            db.Numbers.Add(number);
            changes.Add($"create number {key} ({tenantId})");
        }
        else if (number.TenantId != tenantId || number.CampaignId != config.Campaign || number.Agent != config.Agent || number.ArchivedAtUtc is not null)
        {
            changes.Add(number.TenantId != tenantId ? $"move number {key} from {number.TenantId} to {tenantId}"
                : number.ArchivedAtUtc is null ? $"update number {key} ({tenantId})" : $"restore number {key} ({tenantId})");
        }
        else
        {
            return;
        }

        number.TenantId = tenantId;
        number.CampaignId = config.Campaign;
        number.Agent = config.Agent;
        number.ArchivedAtUtc = null;
        number.UpdatedAtUtc = nowUtc;
    }

    private async Task PruneAsync(SwitchboardConfig config, IEnumerable<Tenant> tenants, IEnumerable<Campaign> campaigns, IEnumerable<InboundNumber> numbers,
        DateTime nowUtc, List<string> changes, CancellationToken cancellationToken)
    {
        var keepTenants = config.Tenants.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var keepCampaigns = config.Tenants.SelectMany(t => t.Campaigns.Select(c => (t.Id, c.Id))).ToHashSet();
        var keepNumbers = config.Tenants.SelectMany(t => t.Numbers.Select(n => n.Number.Value)).ToHashSet(StringComparer.Ordinal);

        foreach (var number in numbers.Where(n => n.ArchivedAtUtc is null && !keepNumbers.Contains(n.Number)).ToList())
        {
            var hasHistory = await db.Calls.AnyAsync(c => c.ToNumber == number.Number, cancellationToken);
            Remove(db.Numbers, number, hasHistory, nowUtc, changes, $"number {number.Number}");
        }

        foreach (var campaign in campaigns.Where(c => c.ArchivedAtUtc is null && !keepCampaigns.Contains((c.TenantId, c.Id))).ToList())
        {
            var hasHistory = await db.Calls.AnyAsync(c => c.TenantId == campaign.TenantId && c.CampaignId == campaign.Id, cancellationToken)
                || await db.Leads.AnyAsync(l => l.TenantId == campaign.TenantId && (l.FirstCampaignId == campaign.Id || l.LastCampaignId == campaign.Id), cancellationToken);
            Remove(db.Campaigns, campaign, hasHistory, nowUtc, changes, $"campaign {campaign.TenantId}/{campaign.Id}");
        }

        foreach (var tenant in tenants.Where(t => t.ArchivedAtUtc is null && !keepTenants.Contains(t.Id)).ToList())
        {
            // Archived numbers and campaigns still point at their tenant: it stays, archived, while anything does.
            var hasHistory = await db.Calls.AnyAsync(c => c.TenantId == tenant.Id, cancellationToken)
                || await db.Leads.AnyAsync(l => l.TenantId == tenant.Id, cancellationToken)
                || campaigns.Any(c => c.TenantId == tenant.Id && db.Entry(c).State != EntityState.Deleted)
                || numbers.Any(n => n.TenantId == tenant.Id && db.Entry(n).State != EntityState.Deleted);
            Remove(db.Tenants, tenant, hasHistory, nowUtc, changes, $"tenant {tenant.Id}");
        }
    }

    private static void Remove<T>(DbSet<T> set, T item, bool hasHistory, DateTime nowUtc, List<string> changes, string what)
        where T : class
    {
        if (hasHistory)
        {
            set.Entry(item).Property<DateTime?>("ArchivedAtUtc").CurrentValue = nowUtc;
            changes.Add($"archive {what} (it has history)");
        }
        else
        {
            set.Remove(item);
            changes.Add($"delete {what}");
        }
    }

    private static TenantConfig ToConfig(Tenant tenant, IReadOnlyList<Campaign> campaigns, IReadOnlyList<InboundNumber> numbers)
    {
        var campaignIds = campaigns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new TenantConfig(
            tenant.Id,
            tenant.Name,
            tenant.DefaultAgent,
            tenant.TimeZone,
            ParseNumbers(tenant.BlockedCallersJson),
            [.. campaigns.Select(c => new CampaignConfig(c.Id, c.Name, c.Agent, c.Active, AsUtc(c.StartsAtUtc), AsUtc(c.EndsAtUtc),
                c.MetadataJson is null ? null : JsonSerializer.Deserialize<JsonElement>(c.MetadataJson))
            {
                Fallback = Fallback(c.BackupAgent, c.FallbackTransferTo, c.AgentJoinTimeoutSeconds),
            })],
            [.. numbers.Select(n => new NumberConfig(PhoneNumber.Parse(n.Number), n.CampaignId is { } id && campaignIds.Contains(id) ? id : null, n.Agent))])
        {
            Fallback = Fallback(tenant.BackupAgent, tenant.FallbackTransferTo, tenant.AgentJoinTimeoutSeconds),
        };
    }

    private static AgentFallback Fallback(string? backupAgent, string? transferTo, int? timeoutSeconds) =>
        backupAgent is null && transferTo is null && timeoutSeconds is null ? AgentFallback.None : new(backupAgent, transferTo, timeoutSeconds);

    private static bool SameFallback(string? backupAgent, string? transferTo, int? timeoutSeconds, AgentFallback config) =>
        backupAgent == config.BackupAgent && transferTo == config.FallbackTransferTo && timeoutSeconds == config.AgentJoinTimeoutSeconds;

    private static DateTimeOffset? AsUtc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private static List<PhoneNumber> ParseNumbers(string? json) =>
        json is null ? [] : [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(n => PhoneNumber.Parse(n))];
}
