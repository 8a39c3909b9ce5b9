using System.Diagnostics;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// Runs the real <c>switchboard</c> executable (built by the test project, not referenced) as <c>dotnet switchboard.dll …</c>,
/// in a temp working directory of its own and against the database it is given. Settings that could leak in from the
/// test process's environment are removed, so only what a test passes reaches the CLI.
/// </summary>
public sealed class SwitchboardCli : IDisposable
{
    /// <summary>How long one command may run before the test fails (and the process tree is killed).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] InheritedSettings = ["Switchboard__", "ConnectionStrings__", "Database__", "LiveKit__", "Logging__"];
    private static readonly Lazy<string> Dll = new(FindDll);

    private readonly Dictionary<string, string> _environment;

    public SwitchboardCli(string provider, string? connectionString = null)
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("switchboard-cli-").FullName;
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Switchboard"] = connectionString ?? $"Data Source={Path.Combine(WorkingDirectory, "sb.db")}",
        };
    }

    /// <summary>The folder holding Switchboard.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>examples/demo.yaml, by absolute path.</summary>
    public static string DemoFile => Path.Combine(RepositoryRoot, "examples", "demo.yaml");

    public string WorkingDirectory { get; }

    /// <summary>A CLI on a fresh SQLite file in its own working directory.</summary>
    public static SwitchboardCli OnSqlite() => new("sqlite");

    /// <summary>Writes a file into the working directory and returns its name (relative to it).</summary>
    public string WriteFile(string name, string text)
    {
        File.WriteAllText(Path.Combine(WorkingDirectory, name), text);
        return name;
    }

    /// <summary>Runs <c>switchboard args…</c>; <paramref name="environment"/> adds or overrides variables for this run.</summary>
    public Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ChildProcess.RunAsync(StartInfo(environment, args), Timeout, $"`switchboard {string.Join(' ', args)}`");

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>
    /// Starts a command that runs until stopped (<c>serve</c>, <c>livekit guard</c>): its output is collected as it comes;
    /// <see cref="RunningCli.StopAsync"/> ends it as an operator would (SIGTERM) and returns what it printed.
    /// </summary>
    public RunningCli Start(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        new(Process.Start(StartInfo(environment, args)) ?? throw new InvalidOperationException("Could not start dotnet."), args);

    private ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Dll.Value);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var key in startInfo.Environment.Keys.Where(k => InheritedSettings.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        foreach (var (key, value) in environment is null ? _environment : _environment.Concat(environment))
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchboard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Switchboard.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>artifacts/bin/Switchboard.Cli/&lt;configuration&gt;/switchboard.dll, preferring the test assembly's own configuration.</summary>
    private static string FindDll()
    {
        var output = Path.Combine(RepositoryRoot, "artifacts", "bin", "Switchboard.Cli");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;   // artifacts/bin/Switchboard.Web.Tests/<configuration>/
        var same = Path.Combine(output, configuration, "switchboard.dll");
        if (File.Exists(same))
        {
            return same;
        }

        return (Directory.Exists(output) ? Directory.GetFiles(output, "switchboard.dll", SearchOption.AllDirectories) : [])
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"switchboard.dll not found under {output}: build tests/Switchboard.Web.Tests first.");
    }
}

/// <summary>What one CLI run printed and returned; <see cref="ToString"/> shows it all, for assertion messages.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Fails with everything the process printed when the exit code is not <paramref name="expected"/>.</summary>
    public CliResult AssertExitCode(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit code {expected}, got {this}");
        return this;
    }
}
