using Switchboard.Core.Configuration;

namespace Switchboard.Data;

/// <summary>The configuration in force, as stored, with its version (0 when nothing was ever applied).</summary>
public sealed record StoredConfig(SwitchboardConfig Config, long Version);
