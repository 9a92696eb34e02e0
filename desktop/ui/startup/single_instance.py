"""One Rebound per data folder: a second start brings the first window forward.

Two processes on one database would each believe they own it (and the "running"
marker that detects crashes). The server name is derived from the data folder,
so a portable copy on a USB stick can still run beside the installed one.
"""

import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    """A name for the folder, short enough for a socket path: two 32-bit checksums of
    its full path, 64 bits as a cryptographic digest's prefix would give, without
    ``hashlib`` loading OpenSSL (about 4 ms) before the first frame."""
    path = str(Path(data_dir).resolve()).encode("utf-8")
    return f"rebound-{zlib.crc32(path):08x}{zlib.adler32(path):08x}"


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones wake it and should exit."""

    #: Another start asked this instance to show itself.
    activated = Signal()

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(_CONNECT_TIMEOUT_MS):
            socket.write(b"show\n")
            socket.waitForBytesWritten(_CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return False
        # Nobody answered: any server file left by a crashed instance is stale.
        QLocalServer.removeServer(self.name)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        return self.server.listen(self.name)

    def release(self) -> None:
        """Stop answering, so another start can claim the folder."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
            self.activated.emit()
