package ekc.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoOps;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's RTP sends on io_uring, put straight into its submission queue: an {@code IORING_OP_SENDMSG} per
 * packet, which the loop hands to the kernel with the turn's other sends and re-armed reads in one
 * {@code io_uring_enter}. Going through the channel instead cost a {@code DatagramPacket}, a pipeline walk, an outbound
 * buffer entry and a flush per packet, and the channel's completion handling: 13.5 % of the media loops' samples in a
 * profile at 1,000 calls. Each send's {@code msghdr}, {@code iovec} and address live in a slot of this loop's native
 * table until the kernel reports it done; the packet's buffer is released then. When every slot is in flight, or the
 * ring refuses the entry, {@link #send} says no and the caller sends through the channel. Event loop only.
 */
final class UringSends implements IoUringIoHandle {

    private static final Logger LOG = LoggerFactory.getLogger(UringSends.class);
    /** io_uring's opcode for sendmsg(2) (linux/io_uring.h; kernel ABI). */
    private static final byte IORING_OP_SENDMSG = 9;
    private static final short AF_INET = 2;
    private static final short AF_INET6 = 10;
    /** Sends in flight at once per loop: a turn sends one packet per leg of its slots. */
    static final int SLOTS = 1024;
    /** msghdr (56 bytes) at 0, iovec (16) at 56, sockaddr_in or sockaddr_in6 (16 or 28) at 72. */
    private static final int ENTRY = 128;
    private static final int IOV = 56;
    private static final int ADDR = 72;

    private final boolean ipv6;
    /** The JDK's direct memory, freed by the garbage collector: never while a submitted entry could still point at it. */
    private final ByteBuf table = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(SLOTS * ENTRY));
    private final long base;
    private final ByteBuf[] inFlight = new ByteBuf[SLOTS];
    private final int[] free = new int[SLOTS];
    private int freeCount;
    private IoRegistration registration;
    private long errors;

    /** {@code ipv6}: the sockets are AF_INET6 (dual-stack: an IPv4 peer is written as ::ffff:a.b.c.d). */
    UringSends(boolean ipv6) {
        this.ipv6 = ipv6;
        table.setZero(0, table.capacity());
        base = table.memoryAddress();
        for (int i = 0; i < SLOTS; i++) {
            free[freeCount++] = SLOTS - 1 - i;
        }
    }

    /** Registers with the loop's io_uring; waits for it. */
    UringSends register(IoEventLoop loop) {
        registration = loop.register(this).syncUninterruptibly().getNow();
        return this;
    }

    /**
     * Queues {@code b}'s readable bytes to {@code to} on socket {@code fd}; the reference passed in is released when the
     * kernel has sent it. False (and {@code b} untouched) when it cannot be queued here.
     */
    boolean send(int fd, ByteBuf b, InetSocketAddress to) {
        if (freeCount == 0 || registration == null || !b.hasMemoryAddress()) {
            return false;
        }
        InetAddress address = to.getAddress();
        if (!ipv6 && !(address instanceof Inet4Address)) {
            return false;
        }
        int slot = free[--freeCount];
        int e = slot * ENTRY;
        int nameLength = writeAddress(e + ADDR, address, to.getPort());
        long entry = base + e;
        table.setLongLE(e, entry + ADDR);                 // msg_name
        table.setIntLE(e + 8, nameLength);                // msg_namelen
        table.setLongLE(e + 16, entry + IOV);             // msg_iov
        table.setLongLE(e + 24, 1);                       // msg_iovlen
        table.setLongLE(e + IOV, b.memoryAddress() + b.readerIndex());
        table.setLongLE(e + IOV + 8, b.readableBytes());
        IoUringIoOps op = new IoUringIoOps(IORING_OP_SENDMSG, (byte) 0, (short) 0, fd, 0L, entry, 1, 0, (long) slot,
                (short) 0, (short) 0, 0, 0L);
        if (registration.submit(op) == 0) {
            free[freeCount++] = slot;
            return false;
        }
        inFlight[slot] = b;
        return true;
    }

    private int writeAddress(int at, InetAddress address, int port) {
        byte[] ip = address.getAddress();
        if (!ipv6) {
            table.setShortLE(at, AF_INET);
            table.setShort(at + 2, port);                 // network order
            table.setBytes(at + 4, ip);
            table.setZero(at + 8, 8);
            return 16;
        }
        table.setShortLE(at, AF_INET6);
        table.setShort(at + 2, port);
        table.setZero(at + 4, 24);                        // flowinfo, address, scope id
        if (ip.length == 4) {
            table.setShort(at + 8 + 10, 0xFFFF);
            table.setBytes(at + 8 + 12, ip);
        } else {
            table.setBytes(at + 8, ip);
        }
        return 28;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        IoUringIoEvent e = (IoUringIoEvent) event;
        int slot = (int) e.userData();
        ByteBuf b = inFlight[slot];
        if (b == null) {
            return;
        }
        inFlight[slot] = null;
        free[freeCount++] = slot;
        b.release();
        if (e.res() < 0 && errors++ % 10_000 == 0) {
            LOG.warn("media: io_uring sendmsg failed with errno {} ({} failure(s) so far); the packet is lost", -e.res(), errors);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < SLOTS; i++) {
            if (inFlight[i] != null) {
                inFlight[i].release();
                inFlight[i] = null;
            }
        }
    }
}
