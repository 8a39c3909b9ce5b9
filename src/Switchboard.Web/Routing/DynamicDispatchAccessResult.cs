namespace Switchboard.Web.Routing;

/// <summary>The outcome of <see cref="DynamicDispatchAccess.Check"/>.</summary>
public enum DynamicDispatchAccessResult
{
    Allowed,
    Disabled,
    UnknownToken,
    SourceRefused,
}
