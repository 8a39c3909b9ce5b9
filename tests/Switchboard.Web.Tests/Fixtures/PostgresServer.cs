using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;
using Switchboard.Web.Tests.Cli;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL for tests, without Docker (STYLE §12). Uses the server named by <c>SWITCHBOARD_TEST_POSTGRES</c>, else one throwaway
/// cluster per test process, started with <c>initdb</c>/<c>pg_ctl</c> in a temp directory on first use and stopped when the process exits.
/// Each instance is a handle that creates databases and drops them again on <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "SWITCHBOARD_TEST_POSTGRES";
    public const string RequireVariable = "SWITCHBOARD_REQUIRE_POSTGRES";

    // 60 s per initdb/pg_ctl call: generous on a loaded 2-core machine, yet a hang still fails the run instead of stalling it.
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    // One server per test process: initdb costs seconds, a database costs milliseconds. Started without the caller's token so that one
    // cancelled fixture cannot poison the shared result.
    private static readonly Lazy<Task<Backend>> Shared = new(() => Task.Run(StartBackend));

    private readonly Backend _backend;
    private readonly List<string> _databases = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    private PostgresServer(Backend backend) => _backend = backend;

    /// <summary>Why <see cref="TryStartAsync"/> returned null; null while it has not or when a server is available.</summary>
    public static string? UnavailableReason { get; private set; }

    /// <summary><c>SWITCHBOARD_REQUIRE_POSTGRES=1</c> (set by .ci/run): a missing PostgreSQL fails the tests instead of skipping them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true";

    /// <summary>True when the server came from <c>SWITCHBOARD_TEST_POSTGRES</c>, whose settings are not ours.</summary>
    public bool IsExternal => _backend.Cluster is null;

    /// <summary>Where the server is, for test output.</summary>
    public string Description => _backend.Description;

    /// <summary>
    /// A handle on the shared server, or null (see <see cref="UnavailableReason"/>) when no PostgreSQL is installed. Throws when a server
    /// was found but could not be started: that is a broken machine, not a missing one.
    /// </summary>
    public static async Task<PostgresServer?> TryStartAsync(CancellationToken cancellationToken = default)
    {
        var backend = await Shared.Value.WaitAsync(cancellationToken);
        if (backend.Admin is null)
        {
            UnavailableReason = backend.Description;
            return null;
        }
        return new PostgresServer(backend);
    }

    /// <summary><see cref="TryStartAsync"/>, skipping (or failing, see <see cref="IsRequired"/>) the calling test when unavailable; not for fixtures (see <see cref="SkipOrFail"/>).</summary>
    public static async Task<PostgresServer> StartOrSkipAsync(CancellationToken cancellationToken = default)
    {
        var server = await TryStartAsync(cancellationToken);
        if (server is null)
        {
            SkipOrFail(UnavailableReason ?? "PostgreSQL is unavailable");
        }
        return server;
    }

    /// <summary>
    /// Skips the current test with <paramref name="reason"/>, or fails it when <see cref="IsRequired"/>. Call it from a test or a test class
    /// constructor, never from a fixture: xunit v3 reports a skip thrown in a fixture's InitializeAsync as a failure. So a fixture keeps the
    /// null from <see cref="TryStartAsync"/> and the test class constructor calls this.
    /// </summary>
    [DoesNotReturn]
    public static void SkipOrFail(string reason)
    {
        if (IsRequired)
        {
            Assert.Fail($"{reason} ({RequireVariable}=1 turns this skip into a failure)");
        }
        Assert.Skip(reason);
        throw new UnreachableException();
    }

    /// <summary>Creates an empty database and returns an Npgsql connection string for it; <see cref="DisposeAsync"/> drops it.</summary>
    /// <param name="name">A plain identifier such as <c>switchboard_test_&lt;guid:N&gt;</c>.</param>
    /// <param name="cancellationToken">Cancels the CREATE DATABASE.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain PostgreSQL identifier (letters, digits, _; at most 63).", nameof(name));
        }
        ObjectDisposedException.ThrowIf(_disposed, this);

        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        lock (_lock)
        {
            _databases.Add(name);
        }
        return DatabaseConnectionString(name);
    }

    /// <summary>Drops the databases this handle created. The shared cluster itself stops when the test process exits.</summary>
    public async ValueTask DisposeAsync()
    {
        string[] databases;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            databases = [.. _databases];
        }

        foreach (var name in databases)
        {
            // Close this process's idle pooled connections first; FORCE ends any other session still attached (PostgreSQL 13+).
            using (var pooled = new NpgsqlConnection(DatabaseConnectionString(name)))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private string DatabaseConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(_backend.Admin) { Database = name, IncludeErrorDetail = true }.ConnectionString;

    private async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_backend.Admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();

    private static Backend StartBackend()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            // Never started or stopped by us; CREATE/DROP DATABASE run in the database it names (or "postgres").
            var admin = new NpgsqlConnectionStringBuilder(external);
            admin.Database ??= "postgres";
            return new Backend(admin.ConnectionString, $"{ConnectionStringVariable} ({admin.Host}:{admin.Port})", Cluster: null);
        }

        var (bin, reason) = FindBinaries();
        if (bin is null)
        {
            return new Backend(Admin: null, reason, Cluster: null);
        }
        var cluster = Cluster.Start(bin);
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = cluster.Port,
            Username = Cluster.Superuser,
            Database = "postgres",
        };
        return new Backend(connection.ConnectionString, $"throwaway cluster {cluster.Directory} on 127.0.0.1:{cluster.Port} ({bin})", cluster);
    }

    /// <summary>PGBIN, else the newest /usr/lib/postgresql/*/bin (Debian), else PATH.</summary>
    private static (string? Bin, string Reason) FindBinaries()
    {
        static bool HasServer(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
        const string Hint = "install postgresql or set " + ConnectionStringVariable;

        var pgbin = Environment.GetEnvironmentVariable("PGBIN");
        if (!string.IsNullOrEmpty(pgbin))
        {
            return HasServer(pgbin) ? (pgbin, "") : (null, $"PGBIN={pgbin} has no initdb and pg_ctl ({Hint})");
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Bin: Path.Combine(dir, "bin"), Version: double.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(candidate => HasServer(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        if (debian is not null)
        {
            return (debian, "");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServer);
        return onPath is not null ? (onPath, "") : (null, $"PostgreSQL server binaries not found ({Hint})");
    }

    private static (string Output, int ExitCode) Run(string fileName, IEnumerable<string> arguments, string? runAs, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = runAs is null ? fileName : ChildProcess.FindExecutable("runuser", "/usr/sbin", "/sbin")
                ?? throw new InvalidOperationException("runuser not found; it is needed to run PostgreSQL as an unprivileged user when the tests run as root."),
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(runAs);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }
        // pg_ctl -l hands the server its own stdout/stderr, so the pipes close when the command exits; the bound is only a safety net.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        var output = $"{Completed(stderr)}{Completed(stdout)}".Trim();
        return exited
            ? (output, process.ExitCode)
            : throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s:\n{output}");

        static string Completed(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : "";
    }

    private static string RunOrThrow(string fileName, IEnumerable<string> arguments, string? runAs, string workingDirectory)
    {
        var list = arguments.ToList();
        var (output, exitCode) = Run(fileName, list, runAs, workingDirectory, ProcessTimeout);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException(
                $"`{(runAs is null ? "" : $"runuser -u {runAs} -- ")}{fileName} {string.Join(' ', list)}` exited with {exitCode}:\n{output}");
    }

    /// <param name="Admin">Superuser connection string to a maintenance database; null when unavailable.</param>
    /// <param name="Description">Where the server is, or why there is none.</param>
    /// <param name="Cluster">The cluster we started; null for an external server.</param>
    private sealed record Backend(string? Admin, string Description, Cluster? Cluster);

    /// <summary>A throwaway cluster: its data, socket and log live in one temp directory, deleted on stop.</summary>
    private sealed class Cluster
    {
        public const string Superuser = "postgres";
        private const string DirectoryPrefix = "switchboard-pg-";
        private const string OwnerFile = "owner.pid";

        private readonly string _pgCtl;
        private readonly string? _runAs;
        private int _stopped;

        private Cluster(string directory, string pgCtl, string? runAs)
        {
            Directory = directory;
            _pgCtl = pgCtl;
            _runAs = runAs;
        }

        public string Directory { get; }
        public int Port { get; private set; }
        private string DataDirectory => Path.Combine(Directory, "data");
        private string LogFile => Path.Combine(Directory, "postgres.log");

        public static Cluster Start(string bin)
        {
            // initdb and postgres refuse to run as root: as root, hand the cluster to the postgres user (Debian's package creates it) or nobody.
            var runAs = Environment.UserName == "root" ? UnprivilegedUser() : null;
            var pgCtl = Path.Combine(bin, "pg_ctl");
            SweepStale(pgCtl, runAs);

            var cluster = new Cluster(System.IO.Directory.CreateTempSubdirectory(DirectoryPrefix).FullName, pgCtl, runAs);
            try
            {
                File.WriteAllText(Path.Combine(cluster.Directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                if (runAs is not null)
                {
                    RunOrThrow("chown", ["-R", runAs + ":", cluster.Directory], runAs: null, cluster.Directory);
                }
                RunOrThrow(Path.Combine(bin, "initdb"),
                    ["-D", cluster.DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], runAs, cluster.Directory);
                cluster.Port = cluster.StartServer();
            }
            catch
            {
                cluster.Stop();
                throw;
            }
            // Best effort against leaks; a killed process leaves its cluster to SweepStale in the next run.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
            return cluster;
        }

        private int StartServer()
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeLoopbackPort();
                // fsync, synchronous_commit and full_page_writes off: durability is worthless for a throwaway test cluster, speed is not.
                var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {Directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
                var (output, exitCode) = Run(_pgCtl, ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", options], _runAs, Directory, ProcessTimeout);
                if (exitCode == 0)
                {
                    return port;
                }
                var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
                // Another process may take the port between our probe and the server's bind: try a new one.
                if (attempt < 3 && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                throw new InvalidOperationException($"pg_ctl start exited with {exitCode}:\n{output}\n--- {LogFile} ---\n{log[Math.Max(0, log.Length - 4000)..]}");
            }
        }

        /// <summary>Immediate shutdown (no checkpoint: nothing here is worth keeping), then delete the directory. Safe to call twice.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 1)
            {
                return;
            }
            StopAndDelete(_pgCtl, _runAs, Directory);
        }

        private static void StopAndDelete(string pgCtl, string? runAs, string directory)
        {
            try
            {
                var data = Path.Combine(directory, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    Run(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "15"], runAs, Path.GetTempPath(), TimeSpan.FromSeconds(20));
                }
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                // Best effort: a leftover directory is swept by the next run.
            }
        }

        /// <summary>Stops and deletes clusters left behind by test processes that were killed (ProcessExit never ran).</summary>
        private static void SweepStale(string pgCtl, string? runAs)
        {
            if (!System.IO.Directory.Exists("/proc/self"))
            {
                return; // cannot tell live owners from dead ones
            }
            foreach (var directory in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
            {
                var ownerFile = Path.Combine(directory, OwnerFile);
                var stale = File.Exists(ownerFile)
                    ? int.TryParse(File.ReadAllText(ownerFile), CultureInfo.InvariantCulture, out var owner) && !System.IO.Directory.Exists($"/proc/{owner}")
                    : System.IO.Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-10);
                if (stale)
                {
                    StopAndDelete(pgCtl, runAs, directory);
                }
            }
        }

        private static string UnprivilegedUser()
        {
            var users = File.ReadLines("/etc/passwd").Select(line => line.Split(':')[0]).ToHashSet();
            return users.Contains("postgres") ? "postgres"
                : users.Contains("nobody") ? "nobody"
                : throw new InvalidOperationException("Running as root, but neither a postgres nor a nobody user exists to run initdb as.");
        }

        private static int FreeLoopbackPort()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
    }
}
