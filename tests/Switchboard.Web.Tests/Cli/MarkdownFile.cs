using System.Text;
using System.Text.RegularExpressions;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// Just enough of a Markdown document for the doc tests: its fenced code blocks (``` fences, indented ones inside list items
/// included) with their info string, lines and the prose line that leads into each, and its prose with the blocks taken out.
/// </summary>
internal sealed partial class MarkdownFile
{
    private MarkdownFile(IReadOnlyList<MarkdownBlock> blocks, string prose)
    {
        Blocks = blocks;
        Prose = prose;
    }

    public IReadOnlyList<MarkdownBlock> Blocks { get; }

    /// <summary>Everything outside the fenced blocks (each block replaced by an empty line), so inline code may span lines.</summary>
    public string Prose { get; }

    /// <summary>The inline code spans of the prose (single backticks), whitespace inside each collapsed to one space.</summary>
    public IEnumerable<string> InlineCode => InlineCodeSpan().Matches(Prose).Select(m => Whitespace().Replace(m.Groups[1].Value, " ").Trim());

    public static MarkdownFile Read(string path) => Parse(File.ReadAllText(path));

    public static MarkdownFile Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<MarkdownBlock>();
        var prose = new StringBuilder();
        var leadIn = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (!trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                prose.Append(lines[i]).Append('\n');
                if (trimmed.Length > 0)
                {
                    leadIn = trimmed;
                }

                continue;
            }

            var indent = lines[i].Length - trimmed.Length;
            var info = trimmed[3..].Trim().Split(' ', 2)[0];
            var start = i + 1;
            var content = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                var line = lines[i];
                var strip = Math.Min(indent, line.Length - line.TrimStart().Length);
                content.Add(line[strip..]);
            }

            blocks.Add(new MarkdownBlock(info, content, start + 1, leadIn));
            prose.Append('\n');
            leadIn = "";
        }

        return new MarkdownFile(blocks, prose.ToString());
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCodeSpan();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One fenced code block.</summary>
/// <param name="Info">The info string's first word (<c>sh</c>, <c>yaml</c>, <c>console</c>…), or empty.</param>
/// <param name="Lines">The lines between the fences, without the fence's indentation.</param>
/// <param name="FirstLine">The 1-based line number, in the file, of the block's first content line.</param>
/// <param name="LeadIn">The last non-empty prose line before the block (trimmed), or empty.</param>
internal sealed record MarkdownBlock(string Info, IReadOnlyList<string> Lines, int FirstLine, string LeadIn);
