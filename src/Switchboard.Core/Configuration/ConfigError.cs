namespace Switchboard.Core.Configuration;

/// <summary>One problem in a configuration document, at a path such as <c>tenants[1].numbers[0].number</c>.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
