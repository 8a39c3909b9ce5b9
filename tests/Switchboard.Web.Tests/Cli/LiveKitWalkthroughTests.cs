using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.LiveKit;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.LiveKitEvents;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// docs/livekit.md, followed as a new user would, so the page cannot drift from what works. Every <c>sh</c> block runs in
/// document order (<see cref="DocScript"/>): <c>export</c> lines set the environment of later commands, a block introduced by
/// "Save as `NAME`:" is written as NAME, and every <c>switchboard …</c> line runs as the real CLI, on a fresh SQLite database,
/// against a LiveKit stand-in, and must exit 0 (or the code its comment states). The doc's placeholders for LiveKit's URL and
/// key pair become the stand-in's; <c>serve</c> gets a free port for its <c>--urls</c> and the guard's <c>--health</c> points at
/// it; the public URL given to <c>setup</c> stays as written. Then a call is simulated as LiveKit would report it, and the
/// sample output the doc shows after a <c>$ switchboard …</c> prompt is checked against what the command printed.
/// </summary>
public sealed partial class LiveKitWalkthroughTests
{
    private const string DocLiveKitUrl = "wss://my-project.livekit.cloud";
    private const string DocApiKey = "APIxxxxxxxx";
    private const string DocApiSecret = "your-api-secret";
    private const string DocPublicUrl = "https://switchboard.example.com";

    private static string DocPath => Path.Combine(SwitchboardCli.RepositoryRoot, "docs", "livekit.md");

    [Fact]
    public async Task A_new_user_following_the_walkthrough_gets_routed_calls()
    {
        var doc = MarkdownFile.Read(DocPath);
        await using var liveKit = await LiveKitStandIn.StartAsync(SwitchboardApp.ApiKey, SwitchboardApp.ApiSecret, cancellationToken: TestContext.Current.CancellationToken);
        using var cli = SwitchboardCli.OnSqlite();
        await using var user = new NewUser(cli, liveKit, doc);

        await user.FollowAsync(DocScript.Steps(doc));

        // What the walk-through promises: Switchboard's trunk and catch-all in LiveKit, and `status` saying so.
        Assert.Equal("events", user.Environment.GetValueOrDefault("LiveKit__Mode", "events"));
        var route = user.Ran(["route"]);
        var caller = Option(route.Command, "--from");
        var dialed = Option(route.Command, "--to");
        var agent = AcceptedAgent().Match(route.Result.Stdout) is { Success: true } accepted
            ? accepted.Groups[1].Value
            : throw new InvalidOperationException($"`{route.Command.Text}` did not accept the call:\n{route.Result}");
        var trunk = Assert.Single(liveKit.Trunks);
        Assert.Equal("switchboard: inbound", trunk.Name);
        Assert.Contains(dialed, trunk.Info["numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["switchboard: catch-all"], liveKit.Rules.Select(r => r.Name));
        var status = user.Ran(["livekit", "status"]);
        Assert.Contains("In sync", status.Result.Stdout, StringComparison.Ordinal);

        // A test call: the catch-all put the caller in a room of its own, LiveKit reports the join (and, as it may, again).
        var call = new LiveKitCall(Calls.NewCallId(), caller, dialed, DateTimeOffset.UtcNow) { RoomName = $"call_{caller}_{Guid.NewGuid().ToString("N")[..12]}" };
        liveKit.AddSipParticipant(call.RoomName, caller, dialed, call.CallId);
        var joined = call.CallerJoined();
        Assert.Equal(HttpStatusCode.NoContent, await user.SendEventAsync(joined));
        await EventuallyAsync(() => liveKit.RequestsTo("CreateDispatch").Count > 0, "Switchboard did not dispatch an agent for the call");
        Assert.Equal(HttpStatusCode.NoContent, await user.SendEventAsync(joined));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var dispatch = Assert.Single(liveKit.Dispatches);
        Assert.Equal((agent, call.RoomName), (dispatch.AgentName, dispatch.Room));
        Assert.Single(liveKit.RequestsTo("CreateDispatch"));

        // The agent joins; the call, as the doc's curl shows it.
        liveKit.AddAgentParticipant(call.RoomName, call.AgentIdentity);
        Assert.Equal(HttpStatusCode.NoContent, await user.SendEventAsync(call.AgentJoined()));
        using var recorded = await user.GetCallAsync(call.CallId);
        Assert.Equal(agent, recorded.RootElement.GetProperty("agent_name").GetString());
        Assert.Equal("events", recorded.RootElement.GetProperty("source").GetString());
        Assert.Equal("agent_joined", recorded.RootElement.GetProperty("lifecycle").GetProperty("stage").GetString());

        await user.StopAsync();
        Assert.Contains($"Call {call.CallId} first seen in LiveKit's participant_joined event", user.ServeOutput, StringComparison.Ordinal);
        Assert.Contains($"Call {call.CallId}: agent_dispatched", user.ServeOutput, StringComparison.Ordinal);
        user.AssertSampleOutput();
    }

    /// <summary>
    /// The rule that keeps every command the doc names under test: a <c>$ switchboard …</c> prompt in a <c>console</c> or
    /// <c>text</c> block, and a <c>switchboard …</c> command in any other non-<c>sh</c> block (a systemd unit, say), must be a
    /// line of an <c>sh</c> block; a runnable command in inline code must start one; a synopsis in inline code
    /// (<c>[…]</c>, <c>…</c>, <c>|</c> or a placeholder in capitals) must name a command an <c>sh</c> line runs. Lines after a
    /// prompt are sample output, and are checked against the real output by the walk-through test.
    /// </summary>
    [Fact]
    public void Every_switchboard_command_the_doc_names_is_run_by_the_walkthrough()
    {
        var doc = MarkdownFile.Read(DocPath);
        var run = DocScript.CommandLines(doc);
        var problems = new List<string>();

        foreach (var block in doc.Blocks.Where(b => b.Info != "sh"))
        {
            for (var i = 0; i < block.Lines.Count; i++)
            {
                var line = block.Lines[i].Trim();
                IEnumerable<string> commands = block.Info is "console" or "text"
                    ? line.StartsWith("$ switchboard", StringComparison.Ordinal) ? [line[2..].Trim()] : []
                    : CommandInBlock().Matches(line).Select(m => DocScript.CommandText(line[m.Index..]));
                problems.AddRange(commands.Where(c => !run.Contains(c))
                    .Select(c => $"line {block.FirstLine + i} ({(block.Info.Length > 0 ? block.Info : "untagged")} block): `{c}` is not a line of any sh block"));
            }
        }

        foreach (var span in doc.InlineCode.Where(s => CommandInText().IsMatch(s)))
        {
            var words = span.Split(' ')[1..];
            var synopsis = words.Any(IsSynopsis);
            var named = synopsis ? [.. words.TakeWhile(w => !w.StartsWith('-') && !IsSynopsis(w))] : words;
            if (!run.Any(r => StartsWith(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..], named)))
            {
                problems.Add(synopsis
                    ? $"`{span}` names `switchboard {string.Join(' ', named)}`, which no sh block runs"
                    : $"`{span}` does not start any line of an sh block");
            }
        }

        Assert.NotEmpty(run);
        Assert.True(problems.Count == 0, "docs/livekit.md names switchboard commands the walk-through does not run:\n" + string.Join('\n', problems));
    }

    private static bool IsSynopsis(string word) => word.IndexOfAny(['[', ']', '…', '|', '<', '>']) >= 0 || PlaceholderWord().IsMatch(word);

    private static bool StartsWith(string[] words, string[] prefix) => words.Length >= prefix.Length && words.Take(prefix.Length).SequenceEqual(prefix);

    private static string Option(DocCommand command, string name)
    {
        var index = command.Args.ToList().IndexOf(name);
        Assert.True(index >= 0 && index + 1 < command.Args.Count, $"docs/livekit.md line {command.Line}: `{command.Text}` has no {name}");
        return command.Args[index + 1];
    }

    private static async Task EventuallyAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex(@"^accept: agent '([^']+)'", RegexOptions.Multiline)]
    private static partial Regex AcceptedAgent();

    [GeneratedRegex(@"(?<![\w.-])switchboard [a-z-]")]
    private static partial Regex CommandInBlock();

    [GeneratedRegex(@"^switchboard [a-z-]")]
    private static partial Regex CommandInText();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")]
    private static partial Regex PlaceholderWord();

    /// <summary>The reader: runs the steps in order, keeps the environment they export and what each command printed.</summary>
    private sealed class NewUser(SwitchboardCli cli, LiveKitStandIn liveKit, MarkdownFile doc) : IAsyncDisposable
    {
        private readonly List<(DocCommand Command, CliResult Result)> _runs = [];
        private readonly HashSet<string> _placeholdersUsed = new(StringComparer.Ordinal);
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
        private RunningCli? _serve;
        private DocCommand? _serveCommand;
        private string? _serveUrl;
        private string? _docServeUrl;
        private RunningCli? _guard;
        private DocCommand? _guardCommand;

        public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

        public string ServeOutput { get; private set; } = "";

        public async Task FollowAsync(IReadOnlyList<DocStep> steps)
        {
            Assert.Contains(steps, s => s is DocFile);
            foreach (var step in steps)
            {
                switch (step)
                {
                    case DocFile file:
                        cli.WriteFile(file.Name, file.Text);
                        break;
                    case DocExport export:
                        Assert.False(export.Name.StartsWith("Database__", StringComparison.Ordinal) || export.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal),
                            $"docs/livekit.md line {export.Line}: the walk-through runs on the test's own database; name the database settings in prose, not in an sh block");
                        Environment[export.Name] = Substitute(export.Value);
                        break;
                    case DocCommand { Args: ["serve", ..] } serve:
                        await StartServeAsync(serve);
                        break;
                    case DocCommand { Args: ["livekit", "guard", ..] } guard:
                        await StartGuardAsync(guard);
                        break;
                    case DocCommand command:
                        var result = await cli.RunAsync(Environment, [.. command.Args.Select(Substitute)]);
                        Log(command, result.Stdout + result.Stderr);
                        Assert.True(result.ExitCode == command.ExitCode,
                            $"docs/livekit.md line {command.Line}: `{command.Text}` should exit {command.ExitCode}; got {result}");
                        _runs.Add((command, result));
                        break;
                }
            }

            string[] placeholders = [DocLiveKitUrl, DocApiKey, DocApiSecret];
            Assert.True(placeholders.All(_placeholdersUsed.Contains),
                $"the walk-through no longer uses the placeholder(s) {string.Join(", ", placeholders.Except(_placeholdersUsed))}: update the test's placeholders with the doc's");
        }

        /// <summary>The first run of a command starting with <paramref name="args"/>.</summary>
        public (DocCommand Command, CliResult Result) Ran(string[] args)
        {
            var run = _runs.FirstOrDefault(r => r.Command.Args.Take(args.Length).SequenceEqual(args));
            Assert.True(run.Command is not null, $"the walk-through never runs `switchboard {string.Join(' ', args)}`");
            return run;
        }

        /// <summary>Posts a LiveKit event to the running service, signed with the key pair the doc exported.</summary>
        public async Task<HttpStatusCode> SendEventAsync(string json)
        {
            var body = Encoding.UTF8.GetBytes(json);
            var key = new WebhookKey(Environment["LiveKit__ApiKey"], Environment["LiveKit__ApiSecret"]);
            using var request = new HttpRequestMessage(HttpMethod.Post, ServeUrl + LiveKitEventEndpoints.Path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/webhook+json");
            request.Headers.TryAddWithoutValidation("Authorization", AccessTokenWriter.SignWebhook(key, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        /// <summary>GET /api/v1/calls/{callId} with the admin key the doc exported, as its curl example does.</summary>
        public async Task<JsonDocument> GetCallAsync(string callId)
        {
            Assert.True(Environment.TryGetValue("Switchboard__AdminKeys__0", out var adminKey), "the walk-through exports no Switchboard__AdminKeys__0 for the admin API");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{ServeUrl}/api/v1/calls/{Uri.EscapeDataString(callId)}");
            request.Headers.Add("X-Api-Key", adminKey);
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine($"GET /api/v1/calls/{callId}\n{text}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/v1/calls/{callId}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text);
        }

        /// <summary>
        /// Gives the guard and the service time to print the sample output the doc shows for them, then stops the guard and
        /// the service as a service manager would (SIGTERM); both must exit 0.
        /// </summary>
        public async Task StopAsync()
        {
            if (_guard is not null)
            {
                await WaitForSamplesAsync(_guard, _guardCommand!);
                var stopped = await _guard.StopAsync();
                Log(_guardCommand!, stopped.Stdout + stopped.Stderr);
                stopped.AssertExitCode(0);
                _runs.Add((_guardCommand!, stopped));
            }

            if (_serve is not null)
            {
                await WaitForSamplesAsync(_serve, _serveCommand!);
                var stopped = await _serve.StopAsync();
                ServeOutput = stopped.Stdout + stopped.Stderr;
                Log(_serveCommand!, ServeOutput);
                stopped.AssertExitCode(0);
                _runs.Add((_serveCommand!, stopped));
            }
        }

        /// <summary>
        /// Each line shown after a <c>$ switchboard …</c> prompt in a <c>console</c> block must be a line the command printed
        /// (leading and trailing blanks aside), with the stand-in's and the test's values put back as the doc's placeholders;
        /// <c>…</c> stands for any text.
        /// </summary>
        public void AssertSampleOutput()
        {
            var problems = new List<string>();
            foreach (var sample in Samples())
            {
                var run = _runs.FirstOrDefault(r => r.Command.Text == sample.Command);
                var printed = run.Result is null ? [] : Printed(run.Result.Stdout + "\n" + run.Result.Stderr, run.Command);
                if (!printed.Any(sample.Pattern.IsMatch))
                {
                    problems.Add($"line {sample.Line}: `{sample.Command}` did not print `{sample.Text}`; it printed:\n  {string.Join("\n  ", printed)}");
                }
            }

            Assert.True(problems.Count == 0, "docs/livekit.md shows output its commands do not print:\n" + string.Join('\n', problems));
        }

        public async ValueTask DisposeAsync()
        {
            if (_guard is not null)
            {
                await _guard.DisposeAsync();
            }

            if (_serve is not null)
            {
                await _serve.DisposeAsync();
            }

            _http.Dispose();
        }

        private string ServeUrl => _serveUrl ?? throw new InvalidOperationException("The walk-through never runs `switchboard serve`.");

        private async Task StartServeAsync(DocCommand command)
        {
            Assert.True(_serve is null, $"docs/livekit.md line {command.Line}: `switchboard serve` runs twice");
            var args = command.Args.Select(Substitute).ToList();
            var urls = args.IndexOf("--urls");
            Assert.True(urls > 0 && urls + 1 < args.Count, $"docs/livekit.md line {command.Line}: give `switchboard serve` its address with --urls, so the test can give it a free port");
            _docServeUrl = args[urls + 1];
            _serveUrl = $"http://127.0.0.1:{FreePort()}";
            args[urls + 1] = _serveUrl;
            _serveCommand = command;
            _serve = cli.Start(Environment, [.. args]);

            var deadline = DateTime.UtcNow + SwitchboardCli.Timeout;
            while (!await ReadyAsync())
            {
                Assert.True(DateTime.UtcNow < deadline, $"docs/livekit.md line {command.Line}: `{command.Text}`: /readyz did not answer 200 in time:\n{_serve.Output}");
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        private async Task<bool> ReadyAsync()
        {
            try
            {
                using var response = await _http.GetAsync($"{_serveUrl}/readyz", TestContext.Current.CancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        private async Task StartGuardAsync(DocCommand command)
        {
            Assert.True(_serveUrl is not null, $"docs/livekit.md line {command.Line}: the guard watches the service; run `switchboard serve` first");
            // An unknown subcommand with --help prints its parent's help and exits 0, so the usage line tells.
            var help = await cli.RunAsync(Environment, "livekit", "guard", "--help");
            Assert.True(help.ExitCode == 0 && help.Stdout.Contains("switchboard livekit guard", StringComparison.Ordinal),
                $"docs/livekit.md line {command.Line} runs `{command.Text}`, but this build has no `switchboard livekit guard` (`livekit guard --help` gave {help})");
            var args = command.Args.Select(Substitute).ToList();
            var health = args.IndexOf("--health");
            Assert.True(health > 0 && health + 1 < args.Count && args[health + 1].StartsWith(DocPublicUrl, StringComparison.Ordinal),
                $"docs/livekit.md line {command.Line}: the guard should watch {DocPublicUrl}/readyz with --health");
            args[health + 1] = _serveUrl + args[health + 1][DocPublicUrl.Length..];
            _guardCommand = command;
            _guard = cli.Start(Environment, [.. args]);
            await _guard.WaitForOutputAsync("guard: watching");
        }

        /// <summary>The sample output lines the doc shows after <c>$ switchboard …</c> prompts in its <c>console</c> blocks.</summary>
        private IEnumerable<Sample> Samples()
        {
            foreach (var block in doc.Blocks.Where(b => b.Info == "console"))
            {
                string? command = null;
                for (var i = 0; i < block.Lines.Count; i++)
                {
                    var line = block.Lines[i].Trim();
                    if (line.StartsWith("$ ", StringComparison.Ordinal))
                    {
                        command = line[2..].Trim();
                    }
                    else if (command is not null && line.Length > 0)
                    {
                        var pattern = new Regex("^" + Regex.Escape(line).Replace("…", ".*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
                        yield return new Sample(block.FirstLine + i, command, line, pattern);
                    }
                }
            }
        }

        /// <summary>Waits, up to <see cref="SwitchboardCli.Timeout"/>, until a running command has printed its sample output.</summary>
        private async Task WaitForSamplesAsync(RunningCli running, DocCommand command)
        {
            var samples = Samples().Where(s => s.Command == command.Text).ToList();
            var deadline = DateTime.UtcNow + SwitchboardCli.Timeout;
            while (DateTime.UtcNow < deadline && !samples.All(s => Printed(running.Output, command).Any(s.Pattern.IsMatch)))
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        /// <summary>
        /// A command's output lines, trimmed, with the stand-in's and the test's values put back as the doc wrote them: the
        /// service's address is the doc's <c>--urls</c> in its own output, and the public URL in the guard's.
        /// </summary>
        private string[] Printed(string output, DocCommand command)
        {
            var values = new List<(string Actual, string Doc)> { (liveKit.Url, DocLiveKitUrl), (SwitchboardApp.ApiKey, DocApiKey) };
            if (_serveUrl is not null && _docServeUrl is not null)
            {
                values.Add((_serveUrl, command.Args is ["livekit", "guard", ..] ? DocPublicUrl : _docServeUrl));
            }

            var text = values.OrderByDescending(v => v.Actual.Length)
                .Aggregate(output.ReplaceLineEndings("\n"), (text, v) => text.Replace(v.Actual, v.Doc, StringComparison.Ordinal));
            return [.. text.Split('\n').Select(l => l.Trim())];
        }

        /// <summary>The doc's placeholders for LiveKit's URL and key pair, replaced by the stand-in's.</summary>
        private string Substitute(string value)
        {
            foreach (var (placeholder, actual) in new[] { (DocLiveKitUrl, liveKit.Url), (DocApiKey, SwitchboardApp.ApiKey), (DocApiSecret, SwitchboardApp.ApiSecret) })
            {
                if (value.Contains(placeholder, StringComparison.Ordinal))
                {
                    _placeholdersUsed.Add(placeholder);
                    value = value.Replace(placeholder, actual, StringComparison.Ordinal);
                }
            }

            return value;
        }

        private static void Log(DocCommand command, string output) =>
            TestContext.Current.TestOutputHelper?.WriteLine($"$ {command.Text}\n{output}");

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>One line of sample output: where the doc shows it, after which command, and as a pattern.</summary>
        private sealed record Sample(int Line, string Command, string Text, Regex Pattern);
    }
}
