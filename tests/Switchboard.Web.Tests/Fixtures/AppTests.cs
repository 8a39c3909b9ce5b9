using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// Base of every suite that runs on both databases: skips (or, in CI, fails) on an app that cannot run here,
/// and clears the log collector so each test can assert on its own logs.
/// </summary>
public abstract class AppTests<TApp>
    where TApp : SwitchboardApp
{
    protected AppTests(TApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.UnavailableReason is { } reason)
        {
            PostgresServer.SkipOrFail(reason);
        }

        App = app;
        App.Logs.Clear();
    }

    protected TApp App { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
