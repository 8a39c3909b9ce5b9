using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// A document's walk-through as a script, in document order: every line of every <c>sh</c> block that is an
/// <c>export NAME=value</c> or starts with <c>switchboard </c> (other lines — <c>dotnet publish</c>, <c>curl</c>, <c>cd</c> — are for
/// the reader), and every <c>yaml</c>/<c>json</c> block introduced by a line ending in <c>Save as `NAME`:</c>, to be written as
/// that file. A command's expected exit code is 0, or the one its trailing comment states (<c># exit code 3</c>).
/// </summary>
internal static partial class DocScript
{
    public static IReadOnlyList<DocStep> Steps(MarkdownFile doc)
    {
        var steps = new List<DocStep>();
        foreach (var block in doc.Blocks)
        {
            if (block.Info == "sh")
            {
                for (var i = 0; i < block.Lines.Count; i++)
                {
                    var line = block.FirstLine + i;
                    var text = CommandText(block.Lines[i]);
                    if (!text.StartsWith("export ", StringComparison.Ordinal) && !text.StartsWith("switchboard ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var (words, comment) = Split(block.Lines[i], line);
                    switch (words)
                    {
                        case ["export", var assignment]:
                            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                            Assert.True(equals > 0, $"docs line {line}: `export` needs NAME=value: {block.Lines[i]}");
                            steps.Add(new DocExport(line, assignment[..equals], assignment[(equals + 1)..]));
                            break;
                        case ["export", ..]:
                            Assert.Fail($"docs line {line}: one `export NAME=value` per line: {block.Lines[i]}");
                            break;
                        case ["switchboard", .. var args]:
                            var exitCode = ExitCode().Match(comment) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                            steps.Add(new DocCommand(line, text, args, exitCode));
                            break;
                    }
                }
            }
            else if (SaveAs().Match(block.LeadIn) is { Success: true } saveAs)
            {
                steps.Add(new DocFile(block.FirstLine, saveAs.Groups[1].Value, string.Join('\n', block.Lines) + "\n"));
            }
        }

        return steps;
    }

    /// <summary>The command lines of the <c>sh</c> blocks (comments and surrounding blanks removed) that start with <c>switchboard </c>.</summary>
    public static IReadOnlyList<string> CommandLines(MarkdownFile doc) =>
        [.. doc.Blocks.Where(b => b.Info == "sh").SelectMany(b => b.Lines).Select(CommandText).Where(l => l.StartsWith("switchboard ", StringComparison.Ordinal))];

    /// <summary>A shell line without its comment, trimmed.</summary>
    public static string CommandText(string line)
    {
        var hash = CommentStart().Match(line);
        return (hash.Success ? line[..hash.Index] : line).Trim();
    }

    /// <summary>
    /// Splits a shell line into words as sh would, for the simple lines a walk-through holds: blanks separate words, '…' and
    /// "…" quote, a <c>#</c> starting a word starts the comment. Expansions (<c>$</c>, backquotes) and line continuations
    /// fail the test: the test could not run them as the reader's shell would.
    /// </summary>
    public static (string[] Words, string Comment) Split(string line, int lineNumber)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    Assert.False(q == '"' && c is '$' or '`' or '\\', $"docs line {lineNumber}: no expansions or escapes in a walk-through command: {line}");
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                return ([.. words], line[(i + 1)..].Trim());
            }
            else
            {
                Assert.False(c is '$' or '`' or '\\' or '|' or '>' or '<' or ';' or '&', $"docs line {lineNumber}: one plain command per line, without expansions, pipes or redirections: {line}");
                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else
                {
                    word.Append(c);
                }

                inWord = true;
            }
        }

        Assert.True(quote is null, $"docs line {lineNumber}: unterminated quote: {line}");
        if (inWord)
        {
            words.Add(word.ToString());
        }

        return ([.. words], "");
    }

    [GeneratedRegex(@"(^|\s)#")]
    private static partial Regex CommentStart();

    [GeneratedRegex(@"\bexit code (\d+)\b")]
    private static partial Regex ExitCode();

    [GeneratedRegex(@"Save (?:it )?as `([^`]+)`:$")]
    private static partial Regex SaveAs();
}

/// <summary>One step of a document's walk-through.</summary>
/// <param name="Line">The 1-based line in the document.</param>
internal abstract record DocStep(int Line);

/// <summary><c>export Name=Value</c>: set for every later command.</summary>
internal sealed record DocExport(int Line, string Name, string Value) : DocStep(Line);

/// <summary><c>switchboard Args…</c>, as written (<paramref name="Text"/>), expected to exit with <paramref name="ExitCode"/>.</summary>
internal sealed record DocCommand(int Line, string Text, IReadOnlyList<string> Args, int ExitCode) : DocStep(Line);

/// <summary>A file the reader saves before going on.</summary>
internal sealed record DocFile(int Line, string Name, string Text) : DocStep(Line);
