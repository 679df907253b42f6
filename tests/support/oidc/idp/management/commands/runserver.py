"""Django's runserver, with TCP_NODELAY on every connection the IdP accepts.

The development server writes a response's headers and body in separate small writes. On a
kept-alive connection Nagle's algorithm holds the second write back until the client's delayed
ACK, about 40 ms per request: most of the time of a login through this IdP.
"""

import socket

from django.core.management.commands.runserver import Command as RunserverCommand
from django.core.servers.basehttp import WSGIServer


class NoDelayWSGIServer(WSGIServer):
    def get_request(self):
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


class Command(RunserverCommand):
    server_cls = NoDelayWSGIServer
