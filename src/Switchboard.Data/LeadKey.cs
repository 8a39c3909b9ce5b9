namespace Switchboard.Data;

/// <summary>Whose lead a call touches: the caller's number (E.164) within a tenant.</summary>
public sealed record LeadKey(string TenantId, string Phone);
