using System.Diagnostics;
using System.Text;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// A <c>switchboard</c> process started by <see cref="SwitchboardCli.Start"/> that runs until stopped. Its output is read as
/// it comes, so a test can wait for a line; disposing kills it if the test did not stop it.
/// </summary>
public sealed class RunningCli : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _command;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    internal RunningCli(Process process, string[] args)
    {
        _process = process;
        _command = "switchboard " + string.Join(' ', args);
        _process.StandardInput.Close();
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far, standard output then standard error.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString() + _stderr;
            }
        }
    }

    /// <summary>Waits until <paramref name="text"/> has been printed (on either stream); fails with the output so far if it is not within <paramref name="timeout"/> (default <see cref="SwitchboardCli.Timeout"/>) or the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? SwitchboardCli.Timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"`{_command}` exited with code {_process.ExitCode} before printing \"{text}\":\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"`{_command}` did not print \"{text}\" in time:\n{Output}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends SIGTERM (what a service manager sends), waits for the exit, and returns what was printed.</summary>
    public async Task<CliResult> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(SwitchboardCli.Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{_command}` did not stop within {SwitchboardCli.Timeout.TotalSeconds:0} s of SIGTERM:\n{Output}");
        }

        lock (_gate)
        {
            return new CliResult(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
        }
    }
}
