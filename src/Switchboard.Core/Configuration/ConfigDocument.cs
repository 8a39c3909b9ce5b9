using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Switchboard.Core.Configuration;

/// <summary>
/// Turns text into a <see cref="ConfigNode"/> tree, or one syntax error at <c>$</c>. YAML and JSON alike: JSON is YAML's
/// flow style. Built from YamlDotNet's parser events with an explicit stack, so nesting cannot overflow the call stack,
/// and bounded in depth and in expanded size, so aliases cannot make a small document cost a large walk.
/// </summary>
internal static class ConfigDocument
{
    public const int MaxDepth = 64;
    public const long MaxNodes = 4_000_000;

    /// <summary>Loads <paramref name="text"/>; <paramref name="root"/> is null for an empty document.</summary>
    public static ConfigError? TryLoad(string text, out ConfigNode? root)
    {
        root = null;
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        var open = new Stack<Frame>();
        var documents = 0;
        var at = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                at = current.Start;
                ConfigNode node;
                AnchorName anchor;
                switch (current)
                {
                    case DocumentStart when ++documents > 1:
                        return Problem(at, "expected one document, found a second one");
                    case Scalar scalar when HasLoneSurrogate(scalar.Value):
                        return Problem(at, "invalid Unicode text (an unpaired surrogate)");
                    case Scalar scalar:
                        (node, anchor) = (new ConfigNode.Scalar(scalar.Value, IsPlain(scalar)), scalar.Anchor);
                        break;
                    case AnchorAlias alias when anchors.TryGetValue(alias.Value.Value, out var target):
                        (node, anchor) = (target, AnchorName.Empty);
                        break;
                    case AnchorAlias alias:
                        return Problem(at, $"alias '*{alias.Value.Value}' names no anchor defined before it");
                    case MappingStart or SequenceStart when open.Count >= MaxDepth:
                        return Problem(at, $"nested deeper than {MaxDepth} levels");
                    case MappingStart start:
                        open.Push(new Frame(new ConfigNode.Mapping(), start.Anchor));
                        continue;
                    case SequenceStart start:
                        open.Push(new Frame(new ConfigNode.Sequence(), start.Anchor));
                        continue;
                    case MappingEnd or SequenceEnd:
                        var closed = open.Pop();
                        (node, anchor) = (closed.Node, closed.Anchor);
                        break;
                    default:
                        continue;
                }

                // Registered once complete: an alias inside its own anchored node is undefined, so the tree has no cycles.
                if (!anchor.IsEmpty)
                {
                    anchors[anchor.Value] = node;
                }

                if (open.TryPeek(out var parent))
                {
                    parent.Add(node);
                    if (parent.Node.Size > MaxNodes)
                    {
                        return Problem(at, "the document expands to more than 4 million nodes (through aliases?)");
                    }
                }
                else
                {
                    root = node;
                }
            }
        }
        catch (YamlException ex)
        {
            return Syntax(ex.Start, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these, not a YamlException, on some malformed input (seen by fuzzing 18.1.0).
            return Syntax(at, "malformed YAML or JSON after this point");
        }

        return null;
    }

    private static bool IsPlain(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain
        && (scalar.Tag.IsEmpty || scalar.Tag.Value is "tag:yaml.org,2002:null" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float");

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static ConfigError Syntax(Mark at, string detail) =>
        new("$", string.Create(CultureInfo.InvariantCulture, $"syntax error at line {at.Line}, column {at.Column}: {detail}"));

    private static ConfigError Problem(Mark at, string message) =>
        new("$", string.Create(CultureInfo.InvariantCulture, $"{message} (line {at.Line}, column {at.Column})"));

    private sealed class Frame(ConfigNode node, AnchorName anchor)
    {
        private ConfigNode? _key;

        public ConfigNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public void Add(ConfigNode child)
        {
            if (Node is ConfigNode.Sequence sequence)
            {
                sequence.Add(child);
            }
            else if (_key is null)
            {
                _key = child;
            }
            else
            {
                ((ConfigNode.Mapping)Node).Add(_key, child);
                _key = null;
            }
        }
    }
}
