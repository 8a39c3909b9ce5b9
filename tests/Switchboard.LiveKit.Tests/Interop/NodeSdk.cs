using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Switchboard.LiveKit.Tests.Interop;

/// <summary>
/// Runs the scripts in tests/interop, which use the official LiveKit Node server SDK pinned in its package-lock.json.
/// Without node or tests/interop/node_modules the interop tests skip, unless SWITCHBOARD_REQUIRE_INTEROP=1 makes them fail.
/// </summary>
internal static partial class NodeSdk
{
    public const string RequireVariable = "SWITCHBOARD_REQUIRE_INTEROP";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(1);
    private static readonly Lazy<string> InteropDirectory = new(FindInteropDirectory);
    private static readonly Lazy<string?> NodeExecutable = new(() => FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node"));

    /// <summary>Skips the calling test (or fails it, when interop is required) if node or the SDK is not installed.</summary>
    public static void EnsureAvailable()
    {
        var missing = NodeExecutable.Value is null
            ? "node is not on PATH"
            : !Directory.Exists(Path.Combine(InteropDirectory.Value, "node_modules", "livekit-server-sdk"))
                ? "tests/interop/node_modules is missing (run `npm ci` in tests/interop)"
                : null;
        if (missing is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"LiveKit Node SDK interop cannot run: {missing}, and {RequireVariable}=1 requires it.");
        }

        Assert.Skip($"LiveKit Node SDK interop skipped: {missing}.");
    }

    /// <summary>Signs each body with the SDK as LiveKit's webhook sender would; returns one token per body.</summary>
    public static async Task<IReadOnlyList<string>> SignWebhooksAsync(WebhookKey key, IEnumerable<string> bodies, CancellationToken cancellationToken)
    {
        var results = await RunAsync("sign.mjs", bodies.Select(body => new { key = key.ApiKey, secret = key.ApiSecret, body }), cancellationToken);
        return [.. results.Select(result => result.GetProperty("token").GetString()!)];
    }

    /// <summary>Runs <c>WebhookReceiver.receive(body, authorization)</c>; returns null on success, else the SDK's error.</summary>
    public static async Task<string?> ReceiveWebhookAsync(WebhookKey key, string body, string authorization, CancellationToken cancellationToken)
    {
        var request = new { mode = "webhook", key = key.ApiKey, secret = key.ApiSecret, body, auth = authorization };
        var result = (await RunAsync("verify.mjs", [request], cancellationToken))[0];
        return result.GetProperty("ok").GetBoolean() ? null : result.GetProperty("error").GetString();
    }

    /// <summary>Runs <c>TokenVerifier.verify(token)</c>; returns the verified claims, or throws with the SDK's error.</summary>
    public static async Task<JsonElement> VerifyTokenAsync(WebhookKey key, string token, CancellationToken cancellationToken)
    {
        var request = new { mode = "token", key = key.ApiKey, secret = key.ApiSecret, token };
        var result = (await RunAsync("verify.mjs", [request], cancellationToken))[0];
        if (!result.GetProperty("ok").GetBoolean())
        {
            Assert.Fail($"The SDK refused the token: {result.GetProperty("error").GetString()}");
        }

        return result.GetProperty("claims");
    }

    internal static async Task<IReadOnlyList<JsonElement>> RunAsync(string script, IEnumerable<object> requests, CancellationToken cancellationToken)
    {
        var lines = requests.Select(request => JsonSerializer.Serialize(request)).ToList();
        var start = new ProcessStartInfo(NodeExecutable.Value!)
        {
            WorkingDirectory = InteropDirectory.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProcessTimeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {script}.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            foreach (var line in lines)
            {
                await process.StandardInput.WriteLineAsync(line.AsMemory(), timeout.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var stdout = await output;
            Assert.True(process.ExitCode == 0, $"node {script} exited with {process.ExitCode}: {await errors}");

            var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => JsonSerializer.Deserialize<JsonElement>(line))
                .ToList();
            Assert.True(results.Count == lines.Count, $"node {script} answered {results.Count} of {lines.Count} requests: {stdout}");
            return results;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "interop");
            }
        }

        throw new InvalidOperationException($"No Switchboard.slnx above {AppContext.BaseDirectory}.");
    }

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
}
