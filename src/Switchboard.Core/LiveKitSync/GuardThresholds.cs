namespace Switchboard.Core.LiveKitSync;

/// <summary>How many checks in a row turn the failover guard: <see cref="Failures"/> failed ones to fail over, <see cref="Recoveries"/> good ones to swap back.</summary>
public sealed record GuardThresholds
{
    public GuardThresholds(int failures, int recoveries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(recoveries, 1);
        Failures = failures;
        Recoveries = recoveries;
    }

    public int Failures { get; }

    public int Recoveries { get; }
}
