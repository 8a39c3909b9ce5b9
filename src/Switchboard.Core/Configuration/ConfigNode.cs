namespace Switchboard.Core.Configuration;

/// <summary>
/// A node of a configuration document, YAML or JSON: what <see cref="ConfigDocument"/> builds from the parser's events
/// and <see cref="ConfigReader"/> walks. Aliases share the anchored node, so <see cref="Size"/> counts a node once per
/// reference: the work a walk will do, which is how alias bombs are refused.
/// </summary>
internal abstract class ConfigNode
{
    public long Size { get; private protected set; } = 1;

    /// <summary>A scalar as written. <see cref="IsPlain"/>: unquoted and untagged, so <c>null</c>, <c>true</c> and <c>42</c> keep their YAML meaning.</summary>
    internal sealed class Scalar(string value, bool isPlain) : ConfigNode
    {
        public string Value { get; } = value;

        public bool IsPlain { get; } = isPlain;

        public bool IsNull => IsPlain && ConfigScalars.IsNull(Value);
    }

    internal sealed class Sequence : ConfigNode
    {
        private readonly List<ConfigNode> _items = [];

        public IReadOnlyList<ConfigNode> Items => _items;

        public void Add(ConfigNode item)
        {
            _items.Add(item);
            Size += item.Size;
        }
    }

    /// <summary>Entries in document order, duplicates kept: the reader reports them with their path.</summary>
    internal sealed class Mapping : ConfigNode
    {
        private readonly List<KeyValuePair<ConfigNode, ConfigNode>> _entries = [];

        public IReadOnlyList<KeyValuePair<ConfigNode, ConfigNode>> Entries => _entries;

        public void Add(ConfigNode key, ConfigNode value)
        {
            _entries.Add(new(key, value));
            Size += key.Size + value.Size;
        }
    }
}
