using Microsoft.AspNetCore.Diagnostics;
using Switchboard.Data;

namespace Switchboard.Web.Hosting;

/// <summary>
/// A storage fault outside the routing webhook (which answers degraded instead) is a 503 — the service is
/// there, its database is not — never a 500 that reads like a bug. The detail names no host or error text.
/// </summary>
internal sealed partial class StorageFaultHandler(IProblemDetailsService problems, ILogger<StorageFaultHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFault.Is(exception))
        {
            return false;
        }

        Log.StorageFault(logger, httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The database is unavailable; try again shortly.",
                Extensions = { ["code"] = "unavailable" },
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Storage fault while serving {Path}")]
        public static partial void StorageFault(ILogger logger, PathString path, Exception exception);
    }
}
