using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Switchboard.LiveKit;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Hosting;

/// <summary>
/// The routing webhook's limits as a client on a real socket meets them: raw HTTP/1.1, so that a test can declare a length
/// it never sends, stream chunks, stall mid-body, or reuse one connection. SQLite only: none of this touches storage.
/// </summary>
[Collection(nameof(OnSqlite))]
public sealed class KestrelLimitsTests(SqliteApp app) : AppTests<SqliteApp>(app)
{
    // Generous against a loaded machine; the fixture's body timeout is 2 s.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_declared_length_over_64_KiB_is_a_413_before_any_body_is_sent()
    {
        await using var connection = await RawConnection.OpenAsync(BaseAddress, Ct);
        using var deadline = AnswerDeadline();

        await connection.SendAsync(Head("Content-Type: application/json", "Content-Length: 70000"), Ct);
        var response = await connection.ReadResponseAsync(deadline.Token);

        AssertProblem(response, 413, "body_too_large");
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_a_413()
    {
        await using var connection = await RawConnection.OpenAsync(BaseAddress, Ct);
        using var deadline = AnswerDeadline();
        var chunk = Encoding.ASCII.GetBytes(new string(' ', 8 * 1024));

        await connection.SendAsync(Head("Content-Type: application/json", "Transfer-Encoding: chunked"), Ct);
        for (var sent = 0; sent <= 64 * 1024; sent += chunk.Length)
        {
            await connection.SendAsync($"{chunk.Length:x}\r\n", Ct);
            await connection.SendAsync(chunk, Ct);
            await connection.SendAsync("\r\n", Ct);
        }

        await connection.SendAsync("0\r\n\r\n", Ct);
        var response = await connection.ReadResponseAsync(deadline.Token);

        AssertProblem(response, 413, "body_too_large");
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_chunked_body_within_64_KiB_is_routed()
    {
        await using var connection = await RawConnection.OpenAsync(BaseAddress, Ct);
        using var deadline = AnswerDeadline();
        var (callId, body) = NewRoute();
        var half = body.Length / 2;

        await connection.SendAsync(Head("Content-Type: application/json", "Transfer-Encoding: chunked", "Authorization: " + Sign(body)), Ct);
        await connection.SendAsync($"{half:x}\r\n", Ct);
        await connection.SendAsync(body.AsMemory(0, half), Ct);
        await connection.SendAsync($"\r\n{body.Length - half:x}\r\n", Ct);
        await connection.SendAsync(body.AsMemory(half), Ct);
        await connection.SendAsync("\r\n0\r\n\r\n", Ct);
        var response = await connection.ReadResponseAsync(deadline.Token);

        Assert.True(response.Status == 200, $"{response.Status}: {response.Body}");
        Assert.Equal(callId, JsonSerializer.Deserialize<JsonElement>(response.Body).GetProperty("metadata").GetProperty("call_id").GetString());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_client_that_stalls_mid_body_gets_a_408_problem()
    {
        await using var connection = await RawConnection.OpenAsync(BaseAddress, Ct);
        using var deadline = AnswerDeadline();

        await connection.SendAsync(Head("Content-Type: application/json", "Content-Length: 200"), Ct);
        await connection.SendAsync("{\"call_id\"", Ct);   // 10 of the 200 bytes, then nothing: the behaviour under test is the wait
        var response = await connection.ReadResponseAsync(deadline.Token);

        AssertProblem(response, 408, "body_timeout");
        Assert.Equal("Request body timeout", JsonSerializer.Deserialize<JsonElement>(response.Body).GetProperty("title").GetString());
        await connection.ReadToEndAsync(deadline.Token);   // the rest of the body never comes, so the connection cannot be reused (and Kestrel is done logging)
    }

    [Fact]
    public async Task A_client_that_stalls_mid_body_is_answered_without_a_warning_or_error_logged()
    {
        await using var connection = await RawConnection.OpenAsync(BaseAddress, Ct);
        using var deadline = AnswerDeadline();

        await connection.SendAsync(Head("Content-Type: application/json", "Content-Length: 200"), Ct);
        await connection.SendAsync("{\"call_id\"", Ct);
        var response = await connection.ReadResponseAsync(deadline.Token);
        await connection.ReadToEndAsync(deadline.Token);

        Assert.Equal(408, response.Status);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task One_connection_carries_two_routing_requests_in_turn()
    {
        await using var connection = await RawConnection.OpenAsync(BaseAddress, Ct);
        using var deadline = AnswerDeadline();
        var (firstId, first) = NewRoute();
        var (secondId, second) = NewRoute();

        await connection.SendAsync(Head("Content-Type: application/json", $"Content-Length: {first.Length}", "Authorization: " + Sign(first)), Ct);
        await connection.SendAsync(first, Ct);
        var firstResponse = await connection.ReadResponseAsync(deadline.Token);
        await connection.SendAsync(Head("Content-Type: application/json", $"Content-Length: {second.Length}", "Authorization: " + Sign(second)), Ct);
        await connection.SendAsync(second, Ct);
        var secondResponse = await connection.ReadResponseAsync(deadline.Token);

        Assert.True(firstResponse.Status == 200, $"{firstResponse.Status}: {firstResponse.Body}");
        Assert.False(firstResponse.Headers.TryGetValue("Connection", out var connectionHeader) && connectionHeader.Contains("close", StringComparison.OrdinalIgnoreCase));
        Assert.True(secondResponse.Status == 200, $"{secondResponse.Status}: {secondResponse.Body}");
        Assert.Equal(firstId, JsonSerializer.Deserialize<JsonElement>(firstResponse.Body).GetProperty("metadata").GetProperty("call_id").GetString());
        Assert.Equal(secondId, JsonSerializer.Deserialize<JsonElement>(secondResponse.Body).GetProperty("metadata").GetProperty("call_id").GetString());
        App.AssertNoWarningsLogged();
    }

    private Uri BaseAddress
    {
        get
        {
            using var client = App.CreateClient();
            return client.BaseAddress!;
        }
    }

    private string Head(params string[] headers) =>
        $"POST {RoutingWebhookEndpoints.Path} HTTP/1.1\r\nHost: {BaseAddress.Authority}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    private static (string CallId, byte[] Body) NewRoute()
    {
        var callId = "SCL_" + Guid.NewGuid().ToString("N");
        return (callId, JsonSerializer.SerializeToUtf8Bytes(new { call_id = callId, from_number = SwitchboardApp.NewNumber(), to_number = SwitchboardApp.NewNumber() }));
    }

    private string Sign(byte[] body) => AccessTokenWriter.SignWebhook(App.Key, body, App.Clock.GetUtcNow(), TimeSpan.FromMinutes(5));

    private static CancellationTokenSource AnswerDeadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(AnswerTimeout);
        return deadline;
    }

    private static void AssertProblem(RawResponse response, int status, string code)
    {
        Assert.True(response.Status == status, $"expected {status}, got {response.Status}: {response.Body}");
        Assert.StartsWith("application/problem+json", response.Headers.GetValueOrDefault("Content-Type"), StringComparison.Ordinal);
        var problem = JsonSerializer.Deserialize<JsonElement>(response.Body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    private sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>One TCP connection speaking just enough HTTP/1.1 to send requests byte by byte and read responses (Content-Length or chunked).</summary>
    private sealed class RawConnection : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        private RawConnection(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public static async Task<RawConnection> OpenAsync(Uri address, CancellationToken cancellationToken)
        {
            var tcp = new TcpClient { NoDelay = true };
            try
            {
                await tcp.ConnectAsync(address.Host, address.Port, cancellationToken);
                return new RawConnection(tcp);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }

        public ValueTask SendAsync(string text, CancellationToken cancellationToken) => SendAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

        public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }

        public async Task<RawResponse> ReadResponseAsync(CancellationToken cancellationToken)
        {
            var statusLine = await ReadLineAsync(cancellationToken);
            var parts = statusLine.Split(' ', 3);
            Assert.True(parts.Length >= 2 && parts[0] == "HTTP/1.1", $"not an HTTP/1.1 status line: '{statusLine}'");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var line = await ReadLineAsync(cancellationToken); line.Length > 0; line = await ReadLineAsync(cancellationToken))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var body = new MemoryStream();
            if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                while (true)
                {
                    var sizeLine = await ReadLineAsync(cancellationToken);
                    var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        while ((await ReadLineAsync(cancellationToken)).Length > 0)
                        {
                            // Trailers: none expected, none used.
                        }

                        break;
                    }

                    await ReadExactlyAsync(body, size, cancellationToken);
                    Assert.Equal("", await ReadLineAsync(cancellationToken));
                }
            }
            else if (headers.TryGetValue("Content-Length", out var length))
            {
                await ReadExactlyAsync(body, int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
            }

            return new RawResponse(int.Parse(parts[1], CultureInfo.InvariantCulture), headers, Encoding.UTF8.GetString(body.ToArray()));
        }

        /// <summary>Waits until the server closes the connection, failing if it sends anything more.</summary>
        public async Task ReadToEndAsync(CancellationToken cancellationToken)
        {
            Assert.True(_start == _end, "the server sent more than one response");
            try
            {
                var read = await _stream.ReadAsync(_buffer, cancellationToken);
                Assert.True(read == 0, $"the server sent {read} more bytes instead of closing the connection");
            }
            catch (IOException)
            {
                // A reset is a close too.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            _tcp.Dispose();
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end)
                {
                    await FillAsync(cancellationToken);
                }

                var b = (char)_buffer[_start++];
                if (b == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                line.Append(b);
            }
        }

        private async Task ReadExactlyAsync(Stream destination, int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_start == _end)
                {
                    await FillAsync(cancellationToken);
                }

                var take = Math.Min(count, _end - _start);
                destination.Write(_buffer, _start, take);
                _start += take;
                count -= take;
            }
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await _stream.ReadAsync(_buffer, cancellationToken);
            if (_end == 0)
            {
                throw new IOException("The server closed the connection in the middle of a response.");
            }
        }
    }
}
