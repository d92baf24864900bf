namespace OrleansServe.Hosting;

/// <summary>
/// A measurement's tags as a dictionary key, held inline for up to three tags (no allocation to look a series up)
/// and in an array beyond. Tags in another order make another key for the same series.
/// </summary>
internal readonly struct TagValues : IEquatable<TagValues>
{
    private readonly int _count;
    private readonly KeyValuePair<string, object?> _t0;
    private readonly KeyValuePair<string, object?> _t1;
    private readonly KeyValuePair<string, object?> _t2;
    private readonly KeyValuePair<string, object?>[]? _more;
    private readonly int _hash;

    public TagValues(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _count = tags.Length;
        if (tags.Length > 3)
        {
            _more = tags.ToArray();
        }
        else
        {
            if (tags.Length > 0)
            {
                _t0 = tags[0];
            }

            if (tags.Length > 1)
            {
                _t1 = tags[1];
            }

            if (tags.Length > 2)
            {
                _t2 = tags[2];
            }
        }
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value);
        }
        _hash = hash.ToHashCode();
    }

    public bool Equals(TagValues other)
    {
        if (_hash != other._hash || _count != other._count)
        {
            return false;
        }

        if (_more is not null)
        {
            return other._more is not null && _more.AsSpan().SequenceEqual(other._more, Same);
        }

        return Same.Equals(_t0, other._t0) && Same.Equals(_t1, other._t1) && Same.Equals(_t2, other._t2);
    }

    public override bool Equals(object? obj) => obj is TagValues other && Equals(other);

    public override int GetHashCode() => _hash;

    private static readonly TagComparer Same = new();

    private sealed class TagComparer : IEqualityComparer<KeyValuePair<string, object?>>
    {
        public bool Equals(KeyValuePair<string, object?> x, KeyValuePair<string, object?> y) =>
            string.Equals(x.Key, y.Key, StringComparison.Ordinal) && object.Equals(x.Value, y.Value);

        public int GetHashCode(KeyValuePair<string, object?> tag) => HashCode.Combine(tag.Key, tag.Value);
    }
}
