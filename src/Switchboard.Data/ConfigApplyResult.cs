namespace Switchboard.Data;

/// <summary>What <c>config apply</c> did: the version in force afterwards, and one line per change (none when the file changed nothing).</summary>
public sealed record ConfigApplyResult(long Version, IReadOnlyList<string> Changes)
{
    public bool Changed => Changes.Count > 0;
}
