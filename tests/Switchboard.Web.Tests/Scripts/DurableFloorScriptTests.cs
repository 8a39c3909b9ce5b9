using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Switchboard.Web.Tests.Cli;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Scripts;

/// <summary>
/// scripts/durable-floor.sh at smoke size (1 s per measurement) against the test PostgreSQL: every measurement is printed in
/// its documented form, and the database it made is gone afterwards. It runs alone: its CPU-bound loops would take the
/// cores from tests running beside it.
/// </summary>
[Collection(nameof(DurableFloorScript))]
public sealed class DurableFloorScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static string Script => Path.Combine(SwitchboardCli.RepositoryRoot, "scripts", "durable-floor.sh");

    [Fact]
    public async Task Prints_every_measurement_and_drops_the_database_it_made()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await PostgresServer.StartOrSkipAsync(cancellationToken);
        // Where the script looks for pgbench: PGBIN, the installed server versions, PATH.
        var postgresBins = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [])
            .Prepend(Environment.GetEnvironmentVariable("PGBIN") ?? "").Where(folder => folder.Length > 0);
        if (ChildProcess.FindExecutable("pgbench", postgresBins) is null || ChildProcess.FindExecutable("node") is null)
        {
            PostgresServer.SkipOrFail("scripts/durable-floor.sh needs node and pgbench, and one of them is missing");
        }

        var host = await server.CreateDatabaseAsync($"floor_host_{Guid.NewGuid():N}", cancellationToken);
        var database = $"floor_{Guid.NewGuid():N}";

        var (exitCode, stdout, stderr) = await RunAsync("--url", Url(host), "--seconds", "1", "--database", database);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Fields).ToList();
        Assert.Equal(
            ["fsync busy=0", "fsync busy=1", "fsync busy=2", "insert clients=1 busy=0", "insert clients=8 busy=0", "insert clients=1 busy=2"],
            lines.Select(f => f["kind"] == "fsync" ? $"fsync busy={f["busy"]}" : $"insert clients={f["clients"]} busy={f["busy"]}"));
        foreach (var fields in lines)
        {
            Assert.True(int.Parse(fields["n"], CultureInfo.InvariantCulture) > 0, string.Join(' ', fields));
            var tail = new[] { "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms" }.Select(k => double.Parse(fields[k], CultureInfo.InvariantCulture)).ToList();
            // pgbench logs whole microseconds from a clock it reads lazily, so a fast commit can log 0: only the maximum must be positive.
            Assert.True(tail[0] >= 0 && tail[^1] > 0 && tail.Zip(tail.Skip(1)).All(pair => pair.First <= pair.Second), string.Join(' ', fields));
            if (fields["kind"] == "insert")
            {
                Assert.True(int.Parse(fields["tps"], CultureInfo.InvariantCulture) > 0, string.Join(' ', fields));
                Assert.Contains("synchronous_commit", fields.Keys);
            }
        }

        await using var connection = new NpgsqlConnection(host);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        Assert.Equal(0L, await command.ExecuteScalarAsync(cancellationToken));
    }

    [Theory]
    [InlineData("--url must be", "--seconds", "1")]
    [InlineData("--url must be", "--url", "mysql://root@127.0.0.1/db")]
    [InlineData("--seconds must be", "--url", "postgres://postgres@127.0.0.1:5432/postgres", "--seconds", "0")]
    [InlineData("--database must be", "--url", "postgres://postgres@127.0.0.1:5432/postgres", "--database", "Bad-Name")]
    [InlineData("unknown argument --frobnicate", "--frobnicate")]
    public async Task A_bad_argument_is_refused_before_anything_runs(string message, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    private static Dictionary<string, string> Fields(string line)
    {
        Assert.StartsWith("FLOOR ", line, StringComparison.Ordinal);
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(field => field.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
    }

    private static string Url(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(builder.Password) ? "" : ":" + Uri.EscapeDataString(builder.Password);
        return $"postgres://{Uri.EscapeDataString(builder.Username ?? "postgres")}{password}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, Timeout, "scripts/durable-floor.sh");
    }
}

/// <summary>Runs <see cref="DurableFloorScriptTests"/> alone, after the parallel collections.</summary>
[CollectionDefinition(nameof(DurableFloorScript), DisableParallelization = true)]
public sealed class DurableFloorScript;
