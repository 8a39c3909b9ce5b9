namespace Switchboard.Core.Lifecycle;

/// <summary>
/// Something that reacts to a call's end. Every registered handler is called once per ended call, after the end is
/// committed; a handler's failure is logged and does not affect the others or the webhook's answer.
/// </summary>
public interface ICallEndedHandler
{
    Task HandleAsync(CallEnded ended, CancellationToken cancellationToken);
}
