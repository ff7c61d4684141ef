using System.Buffers;
using MemoryPack;
using RemoteKit.Buffers;

namespace RemoteKit;

/// <summary>
/// An engine's variables: name → value, kept between tasks. Values pushed by clients are kept as the bytes that
/// arrived (with their type name) until a task reads them as a type, so a pull sends them back without re-encoding.
/// </summary>
public sealed class EngineNamespace
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The names currently defined.</summary>
    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_entries)
            {
                return _entries.Keys.ToArray();
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is defined.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns><see langword="true"/> if defined.</returns>
    public bool Contains(string name)
    {
        lock (_entries)
        {
            return _entries.ContainsKey(name);
        }
    }

    /// <summary>Sets a variable.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value.</param>
    public void Set<T>(string name, T value) => Put(name, Entry.FromValue(value, typeof(T)));

    /// <summary>Removes a variable.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns><see langword="true"/> if it was defined.</returns>
    public bool Remove(string name)
    {
        lock (_entries)
        {
            if (!_entries.Remove(name, out var old))
            {
                return false;
            }

            old.Release();
            return true;
        }
    }

    /// <summary>Reads a variable as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read it as.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns><see langword="true"/> if the variable exists.</returns>
    public bool TryGet<T>(string name, out T value)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                value = default!;
                return false;
            }

            value = entry.As<T>(name);
            if (entry.IsSerialized)
            {
                _entries[name] = Entry.FromValue(value, typeof(T));
                entry.Release();
            }

            return true;
        }
    }

    /// <summary>Reads a variable as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read it as.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No variable has that name.</exception>
    public T Get<T>(string name) => TryGet<T>(name, out var value)
        ? value
        : throw new KeyNotFoundException($"The engine namespace has no variable named '{name}'.");

    internal T GetForGlobal<T>(string name, int engineId) => TryGet<T>(name, out var value)
        ? value
        : throw new KeyNotFoundException(
            $"[Global] parameter '{name}': engine {engineId} has no variable named '{name}' in its namespace. " +
            $"Set it first, e.g. view[\"{name}\"] = value or view.Push(...).");

    internal object? GetBoxed(string name, Type type)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                throw new KeyNotFoundException($"The engine namespace has no variable named '{name}'.");
            }

            if (!entry.IsSerialized)
            {
                return entry.Value;
            }

            var value = MemoryPackSerializer.Deserialize(type, new ReadOnlySequence<byte>(entry.Bytes));
            _entries[name] = Entry.FromValue(value, type);
            entry.Release();
            return value;
        }
    }

    internal void SetBoxed(string name, object? value, Type declared) => Put(name, Entry.FromValue(value, declared));

    /// <summary>Keeps a copy of pushed bytes in a pooled buffer: large values then reuse warm memory push after push.</summary>
    internal void SetSerialized(string name, string typeName, in ReadOnlySequence<byte> bytes) =>
        Put(name, Entry.FromBytes(typeName, bytes));

    /// <summary>
    /// Keeps pushed bytes where they arrived, in <paramref name="owner"/>'s buffer, without a copy: the variable becomes one of
    /// the buffer's owners until it is overwritten, removed, or read as a type.
    /// </summary>
    internal void SetSerialized(string name, string typeName, ReadOnlyMemory<byte> bytes, SharedBuffer owner) =>
        Put(name, Entry.FromBytes(typeName, bytes, owner.Share()));

    internal bool TryGetEntry(string name, out Entry entry)
    {
        lock (_entries)
        {
            return _entries.TryGetValue(name, out entry!);
        }
    }

    private void Put(string name, Entry entry)
    {
        lock (_entries)
        {
            if (_entries.Remove(name, out var old))
            {
                old.Release();
            }

            _entries[name] = entry;
        }
    }

    /// <summary>A variable: a live value, or bytes with an assembly-qualified type name not yet decoded.</summary>
    internal sealed class Entry
    {
        private SharedBuffer? _owner;

        private Entry(object? value, Type? type, string typeName, ReadOnlyMemory<byte> bytes, bool isSerialized, SharedBuffer? owner = null)
        {
            Value = value;
            Type = type;
            TypeName = typeName;
            Bytes = bytes;
            IsSerialized = isSerialized;
            _owner = owner;
        }

        public object? Value { get; }

        public Type? Type { get; }

        public string TypeName { get; }

        public ReadOnlyMemory<byte> Bytes { get; }

        public bool IsSerialized { get; }

        public static Entry FromValue(object? value, Type declared)
        {
            var type = value?.GetType() ?? declared;
            return new Entry(value, type, TypeNames.Of(type), default, false);
        }

        public static Entry FromBytes(string typeName, in ReadOnlySequence<byte> bytes)
        {
            var length = checked((int)bytes.Length);
            var rented = PooledBuffers.Rent(Math.Max(1, length));
            bytes.CopyTo(rented);
            return new Entry(null, null, typeName, rented.AsMemory(0, length), true, new SharedBuffer(rented));
        }

        public static Entry FromBytes(string typeName, ReadOnlyMemory<byte> bytes, SharedBuffer owner) =>
            new(null, null, typeName, bytes, true, owner);

        /// <summary>
        /// The buffer holding <see cref="Bytes"/>, for a caller that sends them after the entry may have left the namespace; null
        /// for a live value. Taken while the entry is in the namespace.
        /// </summary>
        public SharedBuffer? Buffer => _owner;

        /// <summary>Lets go of the pooled buffer, once the entry is no longer in the namespace.</summary>
        public void Release() => Interlocked.Exchange(ref _owner, null)?.Release();

        public T As<T>(string name)
        {
            if (!IsSerialized)
            {
                if (Value is T t)
                {
                    return t;
                }

                if (Value is null && default(T) is null)
                {
                    return default!;
                }

                throw new InvalidCastException(
                    $"Variable '{name}' holds a {Type?.FullName ?? "null"}, which cannot be read as {typeof(T).FullName}.");
            }

            var type = TypeNames.Resolve(TypeName);
            if (type is not null && type != typeof(T) && !typeof(T).IsAssignableFrom(type))
            {
                throw new InvalidCastException(
                    $"Variable '{name}' holds a {type.FullName}, which cannot be read as {typeof(T).FullName}.");
            }

            return MemoryPackSerializer.Deserialize<T>(new ReadOnlySequence<byte>(Bytes))!;
        }

        /// <summary>Writes the value's bytes: the original ones if never decoded.</summary>
        public void WriteTo(IBufferWriter<byte> output)
        {
            if (IsSerialized)
            {
                output.Write(Bytes.Span);
            }
            else
            {
                MemoryPackSerializer.Serialize(Type!, output, Value);
            }
        }
    }
}
