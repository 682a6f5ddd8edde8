package ekc.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sends a leg's RTP datagrams. On epoll it calls {@code sendto} on the socket itself, from the event loop, instead of
 * going through Netty's pipeline, outbound buffer and flush for every packet (a {@code DatagramPacket}, a queue entry,
 * a pipeline walk and a flush per 20 ms frame: about 4 % of the media loops' CPU at 500 calls in a perf profile, beside
 * the 35 % in {@code sendto} itself). On io_uring it queues the send in the loop's ring ({@link UringSends}). Whatever the socket
 * cannot take at once (a full send buffer), and everything after it until the channel has sent it, goes the ordinary
 * way, so no datagram is dropped or reordered here. Event loop only.
 */
final class DatagramOut {

    /** Set by the server on an io_uring leg's RTP channel: its loop's {@link UringSends}. */
    static final AttributeKey<UringSends> URING_SENDS = AttributeKey.valueOf("ekc.media.uringSends");

    private final Channel channel;
    /** The loop's io_uring sends when the transport is io_uring; null otherwise. */
    private final UringSends uring;
    private final int fd;
    /**
     * The channel's socket when the transport is epoll; null otherwise. With io_uring a sendto here would be a system
     * call per packet: {@link UringSends} queues an IORING_OP_SENDMSG that the loop submits with the turn's others in
     * one io_uring_enter. NIO: always the pipeline.
     */
    private final Socket socket;

    DatagramOut(Channel channel) {
        this.channel = channel;
        this.socket = channel instanceof EpollDatagramChannel e ? (Socket) e.fd() : null; // a LinuxSocket
        this.uring = channel instanceof IoUringDatagramChannel ? channel.attr(URING_SENDS).get() : null;
        this.fd = channel instanceof IoUringDatagramChannel u ? u.fd().intValue() : -1;
    }

    /** Sends {@code b}'s readable bytes to {@code to} and releases {@code b} (one reference), now or once queued ones left. */
    void send(ByteBuf b, InetSocketAddress to) {
        if (uring != null && nothingQueued() && uring.send(fd, b, to)) {
            return;
        }
        if (socket != null && b.hasMemoryAddress() && nothingQueued()) {
            try {
                if (socket.sendToAddress(b.memoryAddress(), b.readerIndex(), b.writerIndex(), to.getAddress(), to.getPort()) > 0) {
                    b.release();
                    return;
                }
                // 0: the send buffer is full; the channel queues it and sends it when the socket is writable.
            } catch (IOException e) {
                // Let the channel meet the same error and report it the usual way (exceptionCaught, logged).
            }
        }
        channel.writeAndFlush(new DatagramPacket(b, to), channel.voidPromise());
    }

    private boolean nothingQueued() {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        return queued != null && queued.isEmpty() && channel.isActive();
    }
}
