using System.Diagnostics;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>Child processes for tests: finding an executable, and running one to its end with its output collected and a deadline.</summary>
internal static class ChildProcess
{
    /// <summary>The first <paramref name="name"/> in a folder of PATH, then of <paramref name="extraDirectories"/>; null when there is none.</summary>
    public static string? FindExecutable(string name, params IEnumerable<string> extraDirectories) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

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
