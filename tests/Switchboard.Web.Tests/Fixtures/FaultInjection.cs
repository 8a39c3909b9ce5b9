using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>Adds <c>/test/throw</c>, which fails with an unexpected exception, to see what a client gets for a bug.</summary>
internal sealed class FaultInjection : IStartupFilter
{
    public const string Path = "/test/throw";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException("secret stack detail: boom")));
    };
}
