namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// The failover guard's reading of Switchboard's health: a dead man's switch with hysteresis. The posture turns to
/// <see cref="GuardPosture.Failover"/> after <see cref="GuardThresholds.Failures"/> failed checks in a row, and back to
/// <see cref="GuardPosture.Normal"/> after <see cref="GuardThresholds.Recoveries"/> good ones in a row; a single check either
/// way moves nothing, so a flapping service does not flap the rules. Pure: the guard feeds it each check's result.
/// </summary>
public sealed record GuardState(GuardPosture Posture, int FailedInARow, int HealthyInARow)
{
    /// <summary>Before the first check: posture unknown, nothing counted.</summary>
    public static GuardState Start { get; } = new(GuardPosture.Unknown, 0, 0);

    /// <summary>The state after one more check.</summary>
    public GuardState Observe(bool healthy, GuardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (healthy)
        {
            var good = HealthyInARow + 1;
            return new GuardState(good >= thresholds.Recoveries ? GuardPosture.Normal : Posture, 0, good);
        }

        var failed = FailedInARow + 1;
        return new GuardState(failed >= thresholds.Failures ? GuardPosture.Failover : Posture, failed, 0);
    }
}
