using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core;
using Switchboard.Data;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Admin;

public static class LeadEndpoints
{
    public const int MaxLeads = 100;

    /// <summary>GET /api/v1/leads?tenant=&amp;phone=: a tenant's leads, newest call first, or the one lead of a caller.</summary>
    public static RouteGroupBuilder MapLeads(this RouteGroupBuilder api)
    {
        api.MapGet("/leads", ListAsync).WithTags("Leads").WithSummary("List a tenant's leads, or find one by phone");
        return api;
    }

    private static async Task<Results<Ok<LeadResponse[]>, ProblemHttpResult>> ListAsync(string? tenant, string? phone, SwitchboardDb db, RoutingTables tables,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenant))
        {
            return Problems.Malformed("The query parameter 'tenant' is required.");
        }

        var query = db.Leads.AsNoTracking().Where(l => l.TenantId == tenant);
        if (phone is not null)
        {
            if (!PhoneNumber.TryParse(phone, tables.Current?.DefaultRegion ?? PhoneNumber.DefaultRegion, out var number))
            {
                return Problems.Malformed("The query parameter 'phone' is not a valid phone number.");
            }

            query = query.Where(l => l.Phone == number.Value);
        }

        var leads = await query.OrderByDescending(l => l.LastCallAtUtc).Take(MaxLeads)
            .Select(l => new { l.Id, l.TenantId, l.Phone, l.Source, l.FirstCampaignId, l.LastCampaignId, l.CallCount, l.FirstCallAtUtc, l.LastCallAtUtc })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(leads.Select(l => new LeadResponse(l.Id, l.TenantId, l.Phone, l.Source, l.FirstCampaignId, l.LastCampaignId, l.CallCount,
            CallEndpoints.Utc(l.FirstCallAtUtc), CallEndpoints.Utc(l.LastCallAtUtc))).ToArray());
    }
}

public sealed record LeadResponse(Guid Id, string TenantId, string Phone, string Source, string? FirstCampaignId, string? LastCampaignId, int CallCount,
    DateTimeOffset FirstCallAt, DateTimeOffset LastCallAt);
