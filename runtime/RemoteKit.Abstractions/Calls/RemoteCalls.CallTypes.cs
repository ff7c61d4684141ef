using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace RemoteKit;

/// <summary>The call classes behind the factories, 0 to 16 arguments: each writes its arguments with MemoryPack, or as columns.</summary>
public static partial class RemoteCalls
{
    private sealed class Call<TResult> : RemoteCall<TResult>
    {
        public Call(RemoteMethodDescriptor method)
            : base(method)
        {
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
        }
    }

    private sealed class Call<TResult, T1> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>();

        private readonly T1 _a1;

        public Call(RemoteMethodDescriptor method, T1 a1)
            : base(method)
        {
            _a1 = a1;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 1, Unsafe.SizeOf<T1>());
            var c1 = columns.Next<T1>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1>>(calls, i);
                c1[i] = call._a1;
            }
        }
    }

    private sealed class Call<TResult, T1, T2> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>();

        private readonly T1 _a1;
        private readonly T2 _a2;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 2, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 3, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 4, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 5, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 6, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 7, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 8, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 9, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 10, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 11, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 12, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 13, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T14>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;
        private readonly T14 _a14;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
            _a14 = a14;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
            writer.WriteValue(_a14);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 14, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>() + Unsafe.SizeOf<T14>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            var c14 = columns.Next<T14>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
                c14[i] = call._a14;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T14>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T15>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;
        private readonly T14 _a14;
        private readonly T15 _a15;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
            _a14 = a14;
            _a15 = a15;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
            writer.WriteValue(_a14);
            writer.WriteValue(_a15);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 15, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>() + Unsafe.SizeOf<T14>() + Unsafe.SizeOf<T15>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            var c14 = columns.Next<T14>();
            var c15 = columns.Next<T15>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
                c14[i] = call._a14;
                c15[i] = call._a15;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T14>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T15>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T16>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;
        private readonly T14 _a14;
        private readonly T15 _a15;
        private readonly T16 _a16;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
            _a14 = a14;
            _a15 = a15;
            _a16 = a16;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
            writer.WriteValue(_a14);
            writer.WriteValue(_a15);
            writer.WriteValue(_a16);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 16, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>() + Unsafe.SizeOf<T14>() + Unsafe.SizeOf<T15>() + Unsafe.SizeOf<T16>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            var c14 = columns.Next<T14>();
            var c15 = columns.Next<T15>();
            var c16 = columns.Next<T16>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
                c14[i] = call._a14;
                c15[i] = call._a15;
                c16[i] = call._a16;
            }
        }
    }

    // A void method's call: typed as the non-generic RemoteCall wherever it is seen.
    private readonly struct NoResult;
}
