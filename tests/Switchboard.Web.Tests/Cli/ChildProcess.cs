using System.Diagnostics;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>Runs a child process to its end for a test, with its output collected and a deadline.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> (standard output and error redirected; standard input, when redirected, closed at once) and
    /// returns its exit code and output. Past <paramref name="timeout"/> its process tree is killed and the test fails.
    /// </summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, string description)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {description}.");
        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{description} did not exit within {timeout.TotalSeconds:0} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
